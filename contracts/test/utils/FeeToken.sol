// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev A fee-on-transfer ERC-20: every transfer burns 1 % (at least 1 base unit) of the amount, so
///      the recipient gets less than was sent. The market must refuse it (UnsupportedToken).
contract FeeToken is ERC20 {
    constructor() ERC20("Fee Real", "fBRL") {}

    /// @dev Anyone mints (a test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev The fee `amount` pays on a transfer.
    function feeOf(uint256 amount) public pure returns (uint256) {
        if (amount == 0) return 0;
        uint256 f = amount / 100;
        return f == 0 ? 1 : f;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOf(value);
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
