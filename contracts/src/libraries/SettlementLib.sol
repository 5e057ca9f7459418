// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "../interfaces/ICommunity.sol";

/// @title SettlementLib — the arithmetic of one member in one cycle (domain.md §2, §6)
/// @notice Pure: no storage, no lots. The ledger applies `usedFromLotsWh` oldest lot first, expires
///         the lot that reaches its expiry, and fills in `expiredWh` and `balanceWh` itself.
library SettlementLib {
    uint256 internal constant PPM = 1_000_000;
    uint256 internal constant WH_PER_KWH = 1000;

    /// @notice What the arithmetic needs to know about one member and the cycle.
    struct Input {
        uint64 allocatedWh; // this cycle's share of the generation
        uint64 consumedWh; // from the reading (0 for an inactive member)
        uint64 balanceWh; // banked credits before this cycle (all lots still usable this cycle)
        uint64 minimumWh; // 30/50/100 kWh for the connection
        ICommunity.Regime regime;
        uint64 fullTariffMicroBrlPerKwh;
        uint64 fioBMicroBrlPerKwh;
        uint32 fioBSharePpm; // share of Fio B for the billing year (ignored for GD I)
        ICommunity.BelowMinimum gd2BelowMinimum; // GD II: compensate down to the minimum or all consumption
    }

    /// @notice Minimum charge (custo de disponibilidade) in Wh for a connection: 30/50/100 kWh.
    function minimumWh(ICommunity.Connection connection) internal pure returns (uint64) {
        if (connection == ICommunity.Connection.SinglePhase) return 30_000;
        if (connection == ICommunity.Connection.TwoPhase) return 50_000;
        return 100_000;
    }

    /// @notice Money in micro-BRL for `wh` at `microBrlPerKwh` (floor), saturating at uint64 max.
    function money(uint256 wh, uint256 microBrlPerKwh) internal pure returns (uint64) {
        return _sat(wh * microBrlPerKwh / WH_PER_KWH);
    }

    /// @notice Fio B charged on `compensatedWh`: one floor at the end, saturating at uint64 max.
    function fioB(uint256 compensatedWh, uint256 fioBMicroBrlPerKwh, uint256 sharePpm) internal pure returns (uint64) {
        return _sat(compensatedWh * fioBMicroBrlPerKwh * sharePpm / (PPM * WH_PER_KWH));
    }

    /// @notice A member's slice of `generatedWh` between cumulative shares `cumBeforePpm` and
    ///         `cumAfterPpm`; slices of shares summing to 1,000,000 add up to exactly `generatedWh`.
    function allocation(uint64 generatedWh, uint32 cumBeforePpm, uint32 cumAfterPpm) internal pure returns (uint64) {
        uint256 g = generatedWh;
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64(g * cumAfterPpm / PPM - g * cumBeforePpm / PPM); // ≤ g because cumAfter ≤ 1e6
    }

    /// @notice The most a GD II unit compensates under `DownToMinimum`: the largest c whose exact
    ///         (unrounded) bill (cons − c) × full + c × fioB × share is still ≥ the minimum × full,
    ///         c* = floor((cons − min) × full × 1e6 / (full × 1e6 − fioB × fioBSharePpm)); 0 when
    ///         cons ≤ min; no cap (uint256 max) when the denominator is 0 (Fio B at the full tariff,
    ///         charged in full: compensating changes nothing). Needs fioB × share ≤ full × 1e6,
    ///         which the settings guarantee (Fio B ≤ full tariff, share ≤ 1,000,000); unchecked
    ///         (the close's hot path): products stay below 2^148, and a denominator that wrapped
    ///         would give a cap of ~0, never more compensation.
    function gd2Cap(Input memory i) internal pure returns (uint256) {
        if (i.consumedWh <= i.minimumWh) return 0;
        unchecked {
            uint256 fullPpm = uint256(i.fullTariffMicroBrlPerKwh) * PPM;
            uint256 den = fullPpm - uint256(i.fioBMicroBrlPerKwh) * i.fioBSharePpm;
            if (den == 0) return type(uint256).max;
            return uint256(i.consumedWh - i.minimumWh) * fullPpm / den;
        }
    }

    /// @notice Wh compensated: GD I min(available, cons − min) (0 at or under the minimum); GD II
    ///         min(available, cons), and under `DownToMinimum` at most `gd2Cap`.
    function compensation(Input memory i) internal pure returns (uint256 comp) {
        uint64 cons = i.consumedWh;
        uint64 minWh = i.minimumWh;
        uint256 available = uint256(i.allocatedWh) + i.balanceWh;
        if (i.regime == ICommunity.Regime.GD_I) return cons > minWh ? _min(available, cons - minWh) : 0;
        comp = _min(available, cons);
        // compensating at most cons − min never takes the bill under the minimum: cap above that
        if (comp + minWh > cons && i.gd2BelowMinimum == ICommunity.BelowMinimum.DownToMinimum) {
            comp = _min(comp, gd2Cap(i));
        }
    }

    /// @notice Settles one member: compensation per regime, current allocation first, the minimum
    ///         charge, Fio B (GD II) and the bill. `expiredWh` and `balanceWh` are left 0. GD II
    ///         compensates min(available, consumption), and under `DownToMinimum` at most `gd2Cap`
    ///         (REN 1.000 art. 655-I: credits that would take the bill under the minimum buy nothing).
    function settle(Input memory i) internal pure returns (ICommunity.Settlement memory s) {
        s.allocatedWh = i.allocatedWh;
        s.consumedWh = i.consumedWh;
        s.minimumWh = i.minimumWh;
        uint64 cons = i.consumedWh;
        uint64 minWh = i.minimumWh;
        uint256 comp = compensation(i);
        // forge-lint: disable-next-line(unsafe-typecast)
        s.compensatedWh = uint64(comp); // ≤ cons
        uint64 fromAlloc = uint64(_min(comp, i.allocatedWh));
        s.usedFromLotsWh = s.compensatedWh - fromAlloc;
        s.createdWh = i.allocatedWh - fromAlloc;

        uint64 uncompensated = cons - s.compensatedWh;
        uint64 full = i.fullTariffMicroBrlPerKwh;
        if (i.regime == ICommunity.Regime.GD_I) {
            s.billedWh = uncompensated > minWh ? uncompensated : minWh;
            s.billMicroBrl = money(s.billedWh, full);
            s.minimumApplied = uncompensated <= minWh;
        } else {
            s.billedWh = uncompensated;
            s.fioBMicroBrl = fioB(comp, i.fioBMicroBrlPerKwh, i.fioBSharePpm);
            uint256 energy = uint256(money(uncompensated, full)) + s.fioBMicroBrl;
            uint256 minimumMoney = money(minWh, full);
            s.minimumApplied = energy < minimumMoney;
            s.billMicroBrl = _sat(s.minimumApplied ? minimumMoney : energy);
        }
        s.noSolarBillMicroBrl = money(cons > minWh ? cons : minWh, full);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _sat(uint256 x) private pure returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return x > type(uint64).max ? type(uint64).max : uint64(x); // saturated, so the cast is safe
    }
}
