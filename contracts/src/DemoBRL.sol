// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title DemoBRL — a play-money payment token for the LOCAL DEMO CHAIN ONLY
/// @notice "Real de demonstração" (dBRL, 18 decimals) with EIP-2612 permit, minted at will by its
///         owner so the demo community's members can try priced orders. It is not money, is backed
///         by nothing and must never be deployed to a public network.
contract DemoBRL is ERC20, ERC20Permit, Ownable {
    constructor(address owner_)
        ERC20(unicode"Real de demonstração", "dBRL")
        ERC20Permit(unicode"Real de demonstração")
        Ownable(owner_)
    {}

    /// @notice Owner only: creates `amount` base units (18 decimals) for `to`.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
