// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev A plain 2-decimal ERC-20 (a cents-denominated real, as some BRL tokens are): prices in
///      cents per kWh, where rounding per Wh matters (1 Wh at 50 cents/kWh is 0.05 cent).
contract CentsToken is ERC20 {
    constructor() ERC20("Centavo", "cBRL") {}

    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @dev Anyone mints (a test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
