// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// The one storage layout of Community and its lens: 19 declarations since invitations (#12); split,
// it would no longer be one place to read the layout from.
// solhint-disable max-states-count

import {ICommunity} from "./interfaces/ICommunity.sol";
import {CreditAccounts} from "./libraries/CreditAccounts.sol";
import {CycleLib} from "./libraries/CycleLib.sol";
import {LotRingLib} from "./libraries/LotRingLib.sol";
import {MemberStateLib} from "./libraries/MemberStateLib.sol";

/// @title CommunityLayout — the storage of one community, shared by the ledger and its views
/// @notice `Community` (the ledger, which writes) and `CommunityViews` (the read-only views it
///         serves through its fallback, run on the ledger's storage) both inherit this contract and
///         nothing else with storage, so the two read the same slots. Declared once, here.
/// @dev Storage layout, chosen for gas:
///      - credits are held by *accounts*: member `id` is account `id` (< 2^32), the solidarity pool
///        is account `POOL_ACCOUNT` (2^32), market escrows are `ESCROW_BASE + id`. Each account
///        has one header word in `_accounts` (a member's word also holds its share, connection,
///        active flag and last reading; see `MemberStateLib`) and a lot ring in `_lots`;
///      - a lot ring holds 60 months, eight uint32 lanes per slot (slots 0..6 full, slot 7 has four
///        lanes): the lot of month ordinal `o` sits at ring index `o % 60`. At the close of ordinal
///        `n` the lane `n % 60` holds the lot of `n - 60`, which expires then, and receives the new
///        lot of `n`. uint32 lanes (≤ 4.29 GWh) suffice because a legal plant (≤ 5 MW) generates
///        < 3.72 GWh a month: `postGeneration` enforces it, so a member's new lot and the Σ of every
///        account's lots of one origin month fit; only adjustments could exceed it (`LotTooLarge`).
///        Eight lanes per slot halve how often a new lot lands on an empty slot (a 20,000-gas
///        SSTORE) compared with four uint64 lanes;
///      - the open cycle's bookkeeping is one slot (`Ledger`), the running close totals another;
///      - share schedules (`_shareBook`, declared last): a member with a share filed for a later
///        cycle has the pending flag set in its word and its (share, schedule id) in
///        `_shareBook.pending`; a member with nothing pending costs the close no extra read. A
///        member's share in force at ordinal `o` is the pending share when its schedule is not
///        cancelled and takes effect at or before `o`, else the share in its word (`_sharesOf`);
///        the pending share is folded into the word when the member is next settled or scheduled.
abstract contract CommunityLayout {
    using CycleLib for uint32;
    using MemberStateLib for uint256;

    uint32 internal constant PPM = 1_000_000;
    uint32 internal constant LOT_LIFE_MONTHS = LotRingLib.LIFE_MONTHS;
    /// @notice The solidarity pool's credit account (member accounts are their ids, < 2^32).
    uint256 public constant POOL_ACCOUNT = CreditAccounts.POOL;
    /// @notice A market escrow account is `ESCROW_BASE + memberId`: one per selling member (see `moveCreditsForMarket`).
    uint256 public constant ESCROW_BASE = CreditAccounts.ESCROW_BASE;
    uint256 internal constant LANE_MASK = LotRingLib.LANE_MASK;

    struct MemberInfo {
        address wallet;
        bytes32 ucCommitment;
        string label;
    }

    struct Ledger {
        uint32 openCycle; // YYYYMM
        bool closing;
        bool generationPosted;
        uint32 cursor; // next member id to settle while closing
        uint32 cumSharePpm; // Σ shares of members settled so far in this close
        uint32 memberCount;
        uint32 totalSharePpm;
        uint32 activeCount;
        uint32 readingsCount; // active members with a reading for the open cycle
    }

    /// @dev One share schedule, by id (1, 2, …).
    struct ShareScheduleRecord {
        uint32 effectiveOrdinal; // month ordinal from which its shares are in force
        uint32 filedOn; // YYYYMMDD
        uint32 totalPpm; // Σ shares in force from effectiveOrdinal (1,000,000)
        bool cancelled;
        bytes32 documentHash;
    }

    /// @dev Every share schedule, in one place: the latest id, the records, members' pending lines
    ///      (`share | scheduleId << 32`, read only when the member word's pending flag is set) and
    ///      the documents already filed.
    struct ShareBook {
        uint32 latestId; // 0 = none filed yet
        mapping(uint32 scheduleId => ShareScheduleRecord) schedules;
        mapping(uint32 memberId => uint256 shareAndScheduleId) pending;
        mapping(bytes32 documentHash => bool) filed;
    }

    /// @dev A member's invitation: the address of the key its link carries, its expiry (unix
    ///      seconds), and whether it was claimed (kept, so a second claim says so).
    struct Invitation {
        address key;
        uint64 expiresAt;
        bool used;
    }

    struct CloseTotals {
        uint64 generatedWh; // the open cycle's generation
        uint64 compensatedWh;
        uint64 expiredWh;
        uint64 closeStartBlock;
    }

    // Roles (ManagerRoles).
    address internal _manager;
    address internal _pendingManager;
    address internal _meterReader;
    // The ledger (Community).
    bool internal _initialized;
    address internal _registry;
    uint32 internal _firstCycle;
    ICommunity.Settings internal _settings;
    uint16[] internal _fioBYears; // ascending
    mapping(uint16 year => uint32 sharePpm) internal _fioBStep;
    Ledger internal _ledger;
    CloseTotals internal _totals;
    /// @dev Account header words (see `MemberStateLib`): members by id, then the pool.
    mapping(uint256 account => uint256 word) internal _accounts;
    mapping(uint32 memberId => MemberInfo) internal _info;
    mapping(address wallet => uint32 idPlusOne) internal _idPlusOne;
    mapping(uint256 account => mapping(uint256 ringSlot => uint256 eightLanes)) internal _lots;
    mapping(uint32 cycle => ICommunity.CycleInfo) internal _cycles;
    address internal _market;
    ShareBook internal _shareBook;
    /// @dev Each member's one outstanding invitation (see `Community.invite`); declared last.
    mapping(uint32 memberId => Invitation) internal _invitations;

    /// @dev Storage slot key and bit shift of the lot of month ordinal `o` in the 60-month ring.
    function _lane(uint32 o) internal pure returns (uint256 key, uint256 shift) {
        return LotRingLib.lane(o);
    }

    /// @dev Member `id` with its share in force at month ordinal `o` (the open cycle's) and any
    ///      share pending for a later cycle.
    function _memberView(uint32 id, uint32 o) internal view returns (ICommunity.MemberView memory v) {
        uint256 w = _accounts[id];
        MemberInfo storage info = _info[id];
        (uint32 share, uint32 pending, uint32 pendingOrdinal,) = _sharesOf(w, id, o);
        v = ICommunity.MemberView({
            id: id,
            wallet: info.wallet,
            ucCommitment: info.ucCommitment,
            connection: w.connection(),
            sharePpm: share,
            active: w.active(),
            label: info.label,
            balanceWh: w.balanceWh(),
            pendingSharePpm: pending,
            pendingShareCycle: pendingOrdinal == 0 ? 0 : CycleLib.fromOrdinal(pendingOrdinal)
        });
    }

    /// @dev Member `id`'s (word `w`) share in force at month ordinal `o`, and the share pending for
    ///      a later ordinal (`pendingOrdinal` 0 = none). `resolved`: the pending line no longer waits
    ///      (in force, or its schedule cancelled), so `inForce` can be folded into the word and the
    ///      flag cleared. Reads storage only when the word's pending flag is set.
    function _sharesOf(uint256 w, uint32 id, uint32 o)
        internal
        view
        returns (uint32 inForce, uint32 pending, uint32 pendingOrdinal, bool resolved)
    {
        inForce = w.sharePpm();
        if (!w.hasPendingShare()) return (inForce, 0, 0, false);
        uint256 line = _shareBook.pending[id];
        // forge-lint: disable-next-line(unsafe-typecast) -- the id is the line's bits 32..63
        ShareScheduleRecord storage s = _shareBook.schedules[uint32(line >> 32)];
        uint32 effective = s.effectiveOrdinal;
        if (s.cancelled) return (inForce, 0, 0, true);
        // forge-lint: disable-next-line(unsafe-typecast) -- the share is the line's low 32 bits
        if (effective <= o) return (uint32(line), 0, 0, true);
        // forge-lint: disable-next-line(unsafe-typecast) -- the share is the line's low 32 bits
        return (inForce, uint32(line), effective, false);
    }

    /// @dev The Fio B share for `year`: the step with the greatest year ≤ `year` (0 if none).
    function _fioBShareAt(uint16 year) internal view returns (uint32) {
        uint16[] storage stepYears = _fioBYears;
        for (uint256 i = stepYears.length; i > 0; --i) {
            uint16 y = stepYears[i - 1];
            if (y <= year) return _fioBStep[y];
        }
        return 0;
    }

    function _checkMember(uint32 memberId) internal view {
        if (memberId >= _ledger.memberCount) revert ICommunity.UnknownMember(memberId);
    }

    function _max32(uint32 a, uint32 b) internal pure returns (uint32) {
        return a > b ? a : b;
    }
}
