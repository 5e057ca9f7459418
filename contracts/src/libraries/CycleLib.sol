// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../interfaces/ICommunity.sol";

/// @title CycleLib — billing cycles as YYYYMM and as month ordinals
/// @notice A cycle is written YYYYMM (202610). Its ordinal is `year * 12 + month - 1`, so consecutive
///         months have consecutive ordinals and "60 months later" is `ordinal + 60`.
library CycleLib {
    uint32 internal constant MIN_YEAR = 2000;
    uint32 internal constant MAX_YEAR = 2200;

    /// @notice Whether `cycle` is a YYYYMM with month 1..12 and year 2000..2200.
    function isValid(uint32 cycle) internal pure returns (bool) {
        uint32 y = cycle / 100;
        uint32 month = cycle % 100;
        return month >= 1 && month <= 12 && y >= MIN_YEAR && y <= MAX_YEAR;
    }

    /// @notice Reverts with `InvalidCycle` unless `cycle` is valid.
    function validate(uint32 cycle) internal pure {
        if (!isValid(cycle)) revert ICommunity.InvalidCycle(cycle);
    }

    /// @notice YYYYMM → month ordinal (`year * 12 + month - 1`); reverts on an invalid cycle.
    function toOrdinal(uint32 cycle) internal pure returns (uint32) {
        validate(cycle);
        // forge-lint: disable-next-line(divide-before-multiply) -- integer year/month split is intended
        return (cycle / 100) * 12 + (cycle % 100) - 1;
    }

    /// @notice Month ordinal → YYYYMM.
    function fromOrdinal(uint32 ordinal) internal pure returns (uint32) {
        // forge-lint: disable-next-line(divide-before-multiply) -- integer year/month split is intended
        return (ordinal / 12) * 100 + (ordinal % 12) + 1;
    }

    /// @notice The cycle `months` months after `cycle` (which must be valid).
    function addMonths(uint32 cycle, uint32 months) internal pure returns (uint32) {
        return fromOrdinal(toOrdinal(cycle) + months);
    }

    /// @notice The calendar year of a YYYYMM cycle (sets the Fio B share).
    function year(uint32 cycle) internal pure returns (uint16) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint16(cycle / 100); // a valid cycle's year is ≤ 2200
    }
}
