// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityViews} from "./interfaces/ICommunityViews.sol";
import {CommunityLayout} from "./CommunityLayout.sol";
import {CycleLib} from "./libraries/CycleLib.sol";
import {MemberStateLib} from "./libraries/MemberStateLib.sol";

/// @title CommunityViews — the read-only views of every community, kept out of the ledger's bytecode
/// @notice Deployed once; each `Community` (through its implementation) runs this code on its own
///         storage from its fallback, inside a static call, so nothing here can write. Called
///         directly, it reads its own (empty) storage and means nothing.
contract CommunityViews is CommunityLayout, ICommunityViews {
    using CycleLib for uint32;
    using MemberStateLib for uint256;

    /// @inheritdoc ICommunityViews
    function registry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc ICommunityViews
    function settings() external view returns (ICommunity.Settings memory) {
        return _settings;
    }

    /// @inheritdoc ICommunityViews
    function fioBSharePpm(uint16 year) external view returns (uint32) {
        return _fioBShareAt(year);
    }

    /// @inheritdoc ICommunityViews
    function memberCount() external view returns (uint32) {
        return _ledger.memberCount;
    }

    /// @inheritdoc ICommunityViews
    function totalSharePpm() external view returns (uint32) {
        return _ledger.totalSharePpm;
    }

    /// @inheritdoc ICommunityViews
    function openCycle() external view returns (uint32) {
        return _ledger.openCycle;
    }

    /// @inheritdoc ICommunityViews
    function poolBalance() external view returns (uint64) {
        return _accounts[POOL_ACCOUNT].balanceWh();
    }

    /// @inheritdoc ICommunityViews
    function cycleInfo(uint32 cycle) external view returns (ICommunity.CycleInfo memory) {
        return _cycles[cycle];
    }

    /// @inheritdoc ICommunityViews
    function member(uint32 memberId) external view returns (ICommunity.MemberView memory) {
        _checkMember(memberId);
        return _memberView(memberId, _ledger.openCycle.toOrdinal());
    }

    /// @inheritdoc ICommunityViews
    function members(uint32 offset, uint32 limit) external view returns (ICommunity.MemberView[] memory list) {
        uint256 count = _ledger.memberCount;
        if (offset >= count) return list;
        uint256 end = uint256(offset) + limit;
        if (end > count) end = count;
        list = new ICommunity.MemberView[](end - offset);
        uint32 o = _ledger.openCycle.toOrdinal();
        for (uint256 i; i < list.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            list[i] = _memberView(uint32(offset + i), o); // < memberCount, a uint32
        }
    }

    /// @inheritdoc ICommunityViews
    function lotsOf(uint32 memberId) public view returns (ICommunity.Lot[] memory) {
        _checkMember(memberId);
        Ledger memory l = _ledger;
        uint32 last = l.openCycle.toOrdinal() - 1;
        // While closing, members already settled have their lot of the open cycle.
        if (l.closing && memberId < l.cursor) last += 1;
        return _lotsOfAccount(memberId, last);
    }

    /// @inheritdoc ICommunityViews
    function poolLots() external view returns (ICommunity.Lot[] memory) {
        return _lotsOfAccount(POOL_ACCOUNT, _ledger.openCycle.toOrdinal() - 1);
    }

    /// @inheritdoc ICommunityViews
    function readingOf(uint32 memberId) external view returns (uint32 cycle, uint64 consumedWh) {
        _checkMember(memberId);
        uint256 w = _accounts[memberId];
        if (w.readingOrdinal() != 0) cycle = CycleLib.fromOrdinal(w.readingOrdinal());
        consumedWh = w.consumedWh();
    }

    /// @inheritdoc ICommunityViews
    function dashboardOf(address wallet) external view returns (ICommunity.Dashboard memory d) {
        Ledger memory l = _ledger;
        d.settings = _settings;
        d.manager = _manager;
        d.meterReader = _meterReader;
        d.memberCount = l.memberCount;
        d.totalSharePpm = l.totalSharePpm;
        d.openCycle = l.openCycle;
        d.closing = l.closing;
        d.poolWh = _accounts[POOL_ACCOUNT].balanceWh();
        uint32 lastOrdinal = l.openCycle.toOrdinal() - 1;
        if (l.openCycle != _firstCycle) {
            uint32 lastCycle = CycleLib.fromOrdinal(lastOrdinal);
            d.lastClosed = _cycles[lastCycle];
            d.fioBSharePpmLastCycle = _fioBShareAt(lastCycle.year());
        }
        uint32 idPlusOne = _idPlusOne[wallet];
        if (idPlusOne == 0) return d;
        uint32 id = idPlusOne - 1;
        d.isMember = true;
        d.member = _memberView(id, lastOrdinal + 1);
        d.lots = lotsOf(id);
        for (uint256 i; i < d.lots.length; ++i) {
            uint32 expiry = d.lots[i].expiryCycle.toOrdinal();
            uint64 amount = d.lots[i].amountWh;
            if (expiry <= lastOrdinal + 1) d.expiringWithin1Wh += amount;
            if (expiry <= lastOrdinal + 3) d.expiringWithin3Wh += amount;
            if (expiry <= lastOrdinal + 12) d.expiringWithin12Wh += amount;
        }
    }

    /// @inheritdoc ICommunityViews
    function consolePage(uint32 offset, uint32 limit)
        external
        view
        returns (ConsoleCycle memory cycle, ConsoleMember[] memory rows)
    {
        cycle = _consoleCycle();
        uint256 count = cycle.memberCount;
        if (offset >= count) return (cycle, rows);
        uint256 end = uint256(offset) + limit;
        if (end > count) end = count;
        rows = new ConsoleMember[](end - offset);
        uint32 o = cycle.openCycle.toOrdinal();
        // While closing, members below the cursor are settled: their expiring lot is gone.
        uint256 settledBelow = cycle.closing ? cycle.cursor : 0;
        for (uint256 i; i < rows.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 id = uint32(offset + i); // < memberCount, a uint32
            rows[i] = _consoleRow(id, o, id < settledBelow);
        }
    }

    /// @dev The open cycle's state for `consolePage`.
    function _consoleCycle() private view returns (ConsoleCycle memory) {
        Ledger memory l = _ledger;
        return ConsoleCycle({
            openCycle: l.openCycle,
            closing: l.closing,
            cursor: l.cursor,
            generationPosted: l.generationPosted,
            generatedWh: l.generationPosted ? _totals.generatedWh : 0,
            memberCount: l.memberCount,
            activeCount: l.activeCount,
            readingsCount: l.readingsCount
        });
    }

    /// @dev Member `id`'s console row at open ordinal `o`; `settled`: already settled in this close.
    function _consoleRow(uint32 id, uint32 o, bool settled) private view returns (ConsoleMember memory r) {
        uint256 w = _accounts[id];
        r.member = _memberView(id, o);
        if (w.readingOrdinal() == o) {
            r.hasReading = true;
            r.consumedWh = w.consumedWh();
        }
        // The only lot expiring at this close is the one of origin o − LOT_LIFE_MONTHS (lotsOf shows
        // no older one); once settled, it has expired and its lane holds the new lot.
        uint32 origin = o - LOT_LIFE_MONTHS;
        if (settled || w.balanceWh() == 0 || w.oldestLotOrdinal() > origin) return r;
        (uint256 key, uint256 shift) = _lane(origin);
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to the 32-bit lane
        r.expiringWh = uint64((_lots[id][key] >> shift) & LANE_MASK);
    }

    /// @inheritdoc ICommunityViews
    function invitation(uint32 memberId) external view returns (address key, uint64 expiresAt, bool used) {
        Invitation storage inv = _invitations[memberId];
        return (inv.key, inv.expiresAt, inv.used);
    }

    /// @inheritdoc ICommunityViews
    function shareSchedule() external view returns (ICommunity.ShareSchedule memory v) {
        uint32 id = _shareBook.latestId;
        if (id == 0) return v;
        ShareScheduleRecord storage s = _shareBook.schedules[id];
        uint32 effective = s.effectiveOrdinal;
        v = ICommunity.ShareSchedule({
            id: id,
            effectiveCycle: CycleLib.fromOrdinal(effective),
            filedOn: s.filedOn,
            documentHash: s.documentHash,
            totalPpm: s.totalPpm,
            cancelled: s.cancelled,
            pending: !s.cancelled && effective > _ledger.openCycle.toOrdinal()
        });
    }

    /// @dev An account's lots of origins up to `last` (the newest lot it can hold), oldest first.
    function _lotsOfAccount(uint256 account, uint32 last) private view returns (ICommunity.Lot[] memory lots) {
        uint256 w = _accounts[account];
        if (w.balanceWh() == 0) return lots;
        uint32 from = _max32(w.oldestLotOrdinal(), last - (LOT_LIFE_MONTHS - 1));
        lots = new ICommunity.Lot[](last - from + 1);
        uint256 found;
        for (uint32 o = from; o <= last; ++o) {
            (uint256 key, uint256 shift) = _lane(o);
            // forge-lint: disable-next-line(unsafe-typecast) -- masked to the 32-bit lane
            uint64 amount = uint64((_lots[account][key] >> shift) & LANE_MASK);
            if (amount != 0) {
                lots[found++] = ICommunity.Lot({
                    originCycle: CycleLib.fromOrdinal(o),
                    expiryCycle: CycleLib.fromOrdinal(o + LOT_LIFE_MONTHS),
                    amountWh: amount
                });
            }
        }
        assembly ("memory-safe") {
            mstore(lots, found)
        }
    }
}
