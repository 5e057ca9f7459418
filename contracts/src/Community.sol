// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityRegistry} from "./interfaces/ICommunityRegistry.sol";
import {ManagerRoles} from "./ManagerRoles.sol";
import {CycleLib} from "./libraries/CycleLib.sol";
import {SettlementLib} from "./libraries/SettlementLib.sol";

/// @title Community — the shared ledger of one shared-generation community
/// @notice Members, shares, monthly readings, and a batched cycle close that applies the
///         distributor's arithmetic (domain.md §2): allocation by share, compensation per regime,
///         credit lots that expire 60 months after their origin, minimum charge and Fio B.
/// @dev Deployed as an OpenZeppelin `Clones` minimal proxy by `CommunityRegistry`.
///      Storage layout, chosen for gas:
///      - each member's hot state is one packed slot (`MemberState`);
///      - credit lots live in a ring of 60 months per member, four uint64 lanes per slot: the lot of
///        month ordinal `o` sits at ring index `o % 60`. At the close of ordinal `n` the lane `n % 60`
///        holds the lot of `n - 60`, which expires then, and receives the new lot of `n`;
///      - the open cycle's bookkeeping is one slot (`Ledger`), the running close totals another.
contract Community is ICommunity, ManagerRoles {
    using CycleLib for uint32;

    uint32 internal constant PPM = 1_000_000;
    uint32 internal constant LOT_LIFE_MONTHS = 60;
    uint256 internal constant MAX_TEXT_BYTES = 64;
    uint256 internal constant MAX_LABEL_BYTES = 32;
    /// @notice Most entries in one `postReadings` / `setShares` call.
    uint256 public constant MAX_BATCH = 1000;
    uint256 private constant LANE_MASK = type(uint64).max;

    struct MemberState {
        uint32 sharePpm;
        Connection connection;
        bool active;
        uint32 readingOrdinal; // month ordinal of the last reading (0 = none)
        uint64 consumedWh; // that reading
        uint64 balanceWh; // Σ lots
        uint32 oldestLotOrdinal; // ≤ the origin of the oldest non-empty lot
    }

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

    struct CloseTotals {
        uint64 generatedWh; // the open cycle's generation
        uint64 compensatedWh;
        uint64 expiredWh;
        uint64 closeStartBlock;
    }

    /// @dev Figures fixed for a whole close batch.
    struct BatchContext {
        uint32 cycle;
        uint32 ordinal;
        uint64 generatedWh;
        Regime regime;
        uint64 fullTariff;
        uint64 fioBTariff;
        uint32 fioBSharePpm;
    }

    bool private _initialized;
    address private _registry;
    uint32 private _firstCycle;
    Settings private _settings;
    uint16[] private _fioBYears; // ascending
    mapping(uint16 year => uint32 sharePpm) private _fioBStep;
    Ledger private _ledger;
    CloseTotals private _totals;
    mapping(uint32 memberId => MemberState) private _state;
    mapping(uint32 memberId => MemberInfo) private _info;
    mapping(address wallet => uint32 idPlusOne) private _idPlusOne;
    mapping(uint32 memberId => mapping(uint256 ringSlot => uint256 fourLanes)) private _lots;
    mapping(uint32 cycle => CycleInfo) private _cycles;

    /// @notice Locks the implementation: only clones are initialised.
    constructor() {
        _initialized = true;
    }

    modifier notClosing() {
        _checkNotClosing();
        _;
    }

    // ───────────────────────────── setup and settings ─────────────────────────────

    /// @inheritdoc ICommunity
    function initialize(
        address registry_,
        address manager_,
        Settings calldata settings_,
        FioBStep[] calldata fioBSchedule,
        uint32 firstCycle
    ) external {
        if (_initialized) revert AlreadyInitialized();
        _initialized = true;
        if (registry_ == address(0)) revert ZeroAddress();
        firstCycle.validate();
        _registry = registry_;
        _initManager(manager_);
        _setSettings(settings_);
        for (uint256 i; i < fioBSchedule.length; ++i) {
            _setFioBStep(fioBSchedule[i].year, fioBSchedule[i].sharePpm);
        }
        _firstCycle = firstCycle;
        _ledger.openCycle = firstCycle;
    }

    /// @notice Replaces the settings (manager only; not while a close is in progress).
    function updateSettings(Settings calldata settings_) external onlyManager notClosing {
        _setSettings(settings_);
    }

    /// @notice Sets the Fio B share charged from `year` on (manager only; not while closing).
    /// @dev `year` must be 2000..2200 (InvalidSettings); `sharePpm` ≤ 1,000,000 (ShareTooLarge).
    function setFioBStep(uint16 year, uint32 sharePpm) external onlyManager notClosing {
        _setFioBStep(year, sharePpm);
    }

    /// @notice Records the manager-elect's membership in the registry once they accept.
    function _afterManagerAccepted(address newManager) internal override {
        ICommunityRegistry(_registry).recordMembership(newManager);
    }

    // ───────────────────────────── members ─────────────────────────────

    /// @notice Adds an active member with the next id (ids start at 0) and records the wallet in the
    ///         registry. Manager only; not while closing.
    function addMember(
        address wallet,
        bytes32 ucCommitment,
        Connection connection,
        uint32 sharePpm,
        string calldata label
    ) external onlyManager notClosing returns (uint32 memberId) {
        if (wallet == address(0)) revert ZeroAddress();
        uint32 existing = _idPlusOne[wallet];
        if (existing != 0) revert MemberAlreadyExists(wallet, existing - 1);
        _checkText(bytes(label).length, MAX_LABEL_BYTES);
        if (sharePpm > PPM) revert ShareTooLarge(sharePpm);

        Ledger storage l = _ledger;
        memberId = l.memberCount;
        l.memberCount = memberId + 1;
        l.activeCount += 1;
        uint32 total = l.totalSharePpm + sharePpm;
        l.totalSharePpm = total;

        _idPlusOne[wallet] = memberId + 1;
        _info[memberId] = MemberInfo({wallet: wallet, ucCommitment: ucCommitment, label: label});
        _state[memberId] = MemberState({
            sharePpm: sharePpm,
            connection: connection,
            active: true,
            readingOrdinal: 0,
            consumedWh: 0,
            balanceWh: 0,
            oldestLotOrdinal: 0
        });
        emit MemberAdded(memberId, wallet, ucCommitment, connection, sharePpm, label);
        if (sharePpm != 0) emit ShareChanged(memberId, 0, sharePpm, total);

        ICommunityRegistry(_registry).recordMembership(wallet);
    }

    /// @notice Updates a member's UC commitment, connection and label. Manager only; not while closing.
    function updateMember(uint32 memberId, bytes32 ucCommitment, Connection connection, string calldata label)
        external
        onlyManager
        notClosing
    {
        _checkMember(memberId);
        _checkText(bytes(label).length, MAX_LABEL_BYTES);
        MemberInfo storage info = _info[memberId];
        info.ucCommitment = ucCommitment;
        info.label = label;
        _state[memberId].connection = connection;
        emit MemberUpdated(memberId, ucCommitment, connection, label);
    }

    /// @notice Sets shares (ppm) of several members. Manager only; not while closing. The total may
    ///         differ from 1,000,000 in between; a cycle only closes when it is exactly 1,000,000.
    function setShares(uint32[] calldata memberIds, uint32[] calldata sharesPpm) external onlyManager notClosing {
        uint256 n = memberIds.length;
        if (n != sharesPpm.length) revert LengthMismatch(n, sharesPpm.length);
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        Ledger storage l = _ledger;
        uint32 count = l.memberCount;
        uint32 total = l.totalSharePpm;
        for (uint256 i; i < n; ++i) {
            uint32 id = memberIds[i];
            uint32 share = sharesPpm[i];
            if (id >= count) revert UnknownMember(id);
            if (share > PPM) revert ShareTooLarge(share);
            MemberState storage m = _state[id];
            if (!m.active && share != 0) revert MemberInactive(id);
            uint32 old = m.sharePpm;
            total = total - old + share;
            m.sharePpm = share;
            emit ShareChanged(id, old, share, total);
        }
        l.totalSharePpm = total;
    }

    /// @notice Activates or deactivates a member. Deactivating sets the share to 0; an inactive
    ///         member needs no reading, consumes nothing, and its lots still expire. Manager only.
    function setActive(uint32 memberId, bool active) external onlyManager notClosing {
        _checkMember(memberId);
        MemberState storage m = _state[memberId];
        if (m.active == active) return;
        Ledger storage l = _ledger;
        bool hasReading = m.readingOrdinal == l.openCycle.toOrdinal();
        m.active = active;
        if (active) {
            l.activeCount += 1;
            if (hasReading) l.readingsCount += 1;
        } else {
            l.activeCount -= 1;
            if (hasReading) l.readingsCount -= 1;
            uint32 old = m.sharePpm;
            if (old != 0) {
                m.sharePpm = 0;
                uint32 total = l.totalSharePpm - old;
                l.totalSharePpm = total;
                emit ShareChanged(memberId, old, 0, total);
            }
        }
        emit MemberActiveChanged(memberId, active);
    }

    // ───────────────────────────── cycles ─────────────────────────────

    /// @notice Posts (or overwrites) the plant's generation for the open cycle. Manager or meter reader.
    function postGeneration(uint32 cycle, uint64 generatedWh) external onlyManagerOrMeterReader notClosing {
        Ledger storage l = _ledger;
        _checkOpenCycle(cycle, l.openCycle);
        l.generationPosted = true;
        _totals.generatedWh = generatedWh;
        emit GenerationPosted(cycle, generatedWh);
    }

    /// @notice Posts (or overwrites) active members' consumption for the open cycle, in Wh.
    ///         Manager or meter reader; at most `MAX_BATCH` entries; not while closing.
    function postReadings(uint32 cycle, uint32[] calldata memberIds, uint64[] calldata consumedWh)
        external
        onlyManagerOrMeterReader
        notClosing
    {
        uint256 n = memberIds.length;
        if (n != consumedWh.length) revert LengthMismatch(n, consumedWh.length);
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        Ledger memory l = _ledger;
        _checkOpenCycle(cycle, l.openCycle);
        uint32 ordinal = cycle.toOrdinal();
        uint32 added;
        for (uint256 i; i < n; ++i) {
            uint32 id = memberIds[i];
            if (id >= l.memberCount) revert UnknownMember(id);
            MemberState storage m = _state[id];
            if (!m.active) revert MemberInactive(id);
            if (m.readingOrdinal != ordinal) ++added;
            (m.readingOrdinal, m.consumedWh) = (ordinal, consumedWh[i]);
            emit ReadingPosted(cycle, id, consumedWh[i]);
        }
        if (added != 0) _ledger.readingsCount = l.readingsCount + added;
    }

    /// @notice Closes the open cycle in batches of `maxMembers` members (0 = all remaining). The first
    ///         call checks generation, shares (exactly 1,000,000) and that every active member has a
    ///         reading; each call settles members in id order; the call that settles the last member
    ///         finalises the cycle and opens the next. Manager or meter reader.
    /// @return done True when the cycle is closed.
    function closeCycle(uint32 cycle, uint32 maxMembers) external onlyManagerOrMeterReader returns (bool done) {
        Ledger memory l = _ledger;
        CloseTotals memory t = _totals;
        uint32 ordinal = cycle.toOrdinal();
        if (cycle != l.openCycle) {
            if (ordinal < l.openCycle.toOrdinal() && cycle >= _firstCycle) revert CycleAlreadyClosed(cycle);
            revert WrongCycle(cycle, l.openCycle);
        }
        if (!l.closing) {
            if (!l.generationPosted) revert GenerationMissing(cycle);
            if (l.totalSharePpm != PPM) revert SharesDoNotSum(l.totalSharePpm);
            if (l.readingsCount != l.activeCount) revert ReadingMissing(cycle, _firstMissingReading(ordinal, l));
            l.closing = true;
            l.cursor = 0;
            l.cumSharePpm = 0;
            t.compensatedWh = 0;
            t.expiredWh = 0;
            t.closeStartBlock = uint64(block.number);
            emit CycleCloseStarted(cycle, t.generatedWh, l.memberCount);
        }

        uint32 end = l.memberCount;
        if (maxMembers != 0 && end - l.cursor > maxMembers) end = l.cursor + maxMembers;
        BatchContext memory ctx = BatchContext({
            cycle: cycle,
            ordinal: ordinal,
            generatedWh: t.generatedWh,
            regime: _settings.regime,
            fullTariff: _settings.fullTariffMicroBrlPerKwh,
            fioBTariff: _settings.fioBMicroBrlPerKwh,
            fioBSharePpm: _fioBShareAt(cycle.year())
        });
        uint32 cum = l.cumSharePpm;
        uint64 compensated = t.compensatedWh;
        uint64 expired = t.expiredWh;
        for (uint32 id = l.cursor; id < end; ++id) {
            (uint32 share, uint64 c, uint64 e) = _settleMember(ctx, id, cum);
            cum += share;
            compensated += c;
            expired += e;
        }
        l.cursor = end;
        l.cumSharePpm = cum;
        t.compensatedWh = compensated;
        t.expiredWh = expired;

        if (end == l.memberCount) {
            _cycles[cycle] = CycleInfo({
                cycle: cycle,
                generatedWh: t.generatedWh,
                issuedWh: t.generatedWh,
                compensatedWh: compensated,
                expiredWh: expired,
                closeStartBlock: t.closeStartBlock,
                closeEndBlock: uint64(block.number),
                closed: true
            });
            emit CycleClosed(cycle, t.generatedWh, compensated, expired);
            l.openCycle = CycleLib.fromOrdinal(ordinal + 1);
            l.closing = false;
            l.generationPosted = false;
            l.cursor = 0;
            l.cumSharePpm = 0;
            l.readingsCount = 0;
            t.generatedWh = 0;
            done = true;
        }
        _ledger = l;
        _totals = t;
    }

    /// @notice Corrects a member's credits to match the distributor's bill (manager only, after at
    ///         least one close, not while closing). A positive delta adds to the lot of the last closed
    ///         cycle; a negative one removes credits oldest lot first.
    function adjustCredits(uint32 memberId, int64 deltaWh, bytes32 reasonHash) external onlyManager notClosing {
        _checkMember(memberId);
        if (deltaWh == 0) revert ZeroAmount();
        uint32 open = _ledger.openCycle;
        if (open == _firstCycle) revert NothingClosedYet();
        uint32 lastOrdinal = open.toOrdinal() - 1;
        MemberState storage m = _state[memberId];
        uint64 balance = m.balanceWh;
        if (deltaWh > 0) {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint64 add = uint64(deltaWh); // positive int64 fits
            (uint256 key, uint256 shift) = _lane(lastOrdinal);
            uint256 word = _lots[memberId][key];
            uint256 lane = (word >> shift) & LANE_MASK;
            _lots[memberId][key] = (word & ~(LANE_MASK << shift)) | ((lane + add) << shift);
            balance += add;
        } else {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint64 remove = uint64(uint128(-int128(deltaWh))); // |int64.min| fits a uint64
            if (remove > balance) revert AdjustmentExceedsBalance(memberId, balance, remove);
            uint32 from = _max32(m.oldestLotOrdinal, lastOrdinal - (LOT_LIFE_MONTHS - 1));
            m.oldestLotOrdinal = _takeOldest(memberId, from, lastOrdinal, remove);
            balance -= remove;
        }
        m.balanceWh = balance;
        emit CreditsAdjusted(memberId, CycleLib.fromOrdinal(lastOrdinal), deltaWh, reasonHash, balance);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The registry that created this community.
    function registry() external view returns (address) {
        return _registry;
    }

    /// @notice The current settings.
    function settings() external view returns (Settings memory) {
        return _settings;
    }

    /// @notice The Fio B share for `year`: the step with the greatest year ≤ `year` (0 if none).
    function fioBSharePpm(uint16 year) external view returns (uint32) {
        return _fioBShareAt(year);
    }

    /// @notice Number of members ever added (ids are 0..memberCount-1).
    function memberCount() external view returns (uint32) {
        return _ledger.memberCount;
    }

    /// @notice Σ shares of all members, in ppm.
    function totalSharePpm() external view returns (uint32) {
        return _ledger.totalSharePpm;
    }

    /// @notice The cycle readings are being posted for (YYYYMM).
    function openCycle() external view returns (uint32) {
        return _ledger.openCycle;
    }

    /// @notice The member id of `wallet`, if it is a member.
    function memberIdOf(address wallet) external view returns (bool found, uint32 memberId) {
        uint32 idPlusOne = _idPlusOne[wallet];
        if (idPlusOne != 0) return (true, idPlusOne - 1);
    }

    /// @notice One member; reverts with `UnknownMember` for an unknown id.
    function member(uint32 memberId) external view returns (MemberView memory) {
        _checkMember(memberId);
        return _memberView(memberId);
    }

    /// @notice Up to `limit` members from id `offset` on (empty past the end).
    function members(uint32 offset, uint32 limit) external view returns (MemberView[] memory list) {
        uint256 count = _ledger.memberCount;
        if (offset >= count) return list;
        uint256 end = uint256(offset) + limit;
        if (end > count) end = count;
        list = new MemberView[](end - offset);
        for (uint256 i; i < list.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            list[i] = _memberView(uint32(offset + i)); // < memberCount, a uint32
        }
    }

    /// @notice A member's credit lots, oldest first (origin and expiry as YYYYMM).
    function lotsOf(uint32 memberId) public view returns (Lot[] memory lots) {
        _checkMember(memberId);
        Ledger memory l = _ledger;
        uint32 last = l.openCycle.toOrdinal() - 1;
        // While closing, members already settled have their lot of the open cycle.
        if (l.closing && memberId < l.cursor) last += 1;
        if (_state[memberId].balanceWh == 0) return lots;
        uint32 from = _max32(_state[memberId].oldestLotOrdinal, last - (LOT_LIFE_MONTHS - 1));
        lots = new Lot[](last - from + 1);
        uint256 found;
        for (uint32 o = from; o <= last; ++o) {
            (uint256 key, uint256 shift) = _lane(o);
            // forge-lint: disable-next-line(unsafe-typecast)
            uint64 amount = uint64(_lots[memberId][key] >> shift); // the lane's low 64 bits
            if (amount != 0) {
                lots[found++] = Lot({
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

    /// @notice A closed cycle's totals (all zero with `closed == false` otherwise).
    function cycleInfo(uint32 cycle) external view returns (CycleInfo memory) {
        return _cycles[cycle];
    }

    /// @notice The member's last reading: its cycle (YYYYMM, 0 if none) and consumption.
    function readingOf(uint32 memberId) external view returns (uint32 cycle, uint64 consumedWh) {
        _checkMember(memberId);
        MemberState memory m = _state[memberId];
        if (m.readingOrdinal != 0) cycle = CycleLib.fromOrdinal(m.readingOrdinal);
        consumedWh = m.consumedWh;
    }

    /// @notice Everything a dashboard needs in one call; works for non-members (`isMember == false`).
    function dashboardOf(address wallet) external view returns (Dashboard memory d) {
        Ledger memory l = _ledger;
        d.settings = _settings;
        d.manager = manager();
        d.meterReader = meterReader();
        d.memberCount = l.memberCount;
        d.totalSharePpm = l.totalSharePpm;
        d.openCycle = l.openCycle;
        d.closing = l.closing;
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
        d.member = _memberView(id);
        d.lots = lotsOf(id);
        for (uint256 i; i < d.lots.length; ++i) {
            uint32 expiry = d.lots[i].expiryCycle.toOrdinal();
            uint64 amount = d.lots[i].amountWh;
            if (expiry <= lastOrdinal + 1) d.expiringWithin1Wh += amount;
            if (expiry <= lastOrdinal + 3) d.expiringWithin3Wh += amount;
            if (expiry <= lastOrdinal + 12) d.expiringWithin12Wh += amount;
        }
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Settles member `id` at `ctx`; returns its share and its compensated and expired Wh.
    function _settleMember(BatchContext memory ctx, uint32 id, uint32 cumBefore)
        private
        returns (uint32 share, uint64 compensated, uint64 expired)
    {
        MemberState memory m = _state[id];
        share = m.sharePpm;
        uint64 consumed;
        if (m.active) {
            if (m.readingOrdinal != ctx.ordinal) revert ReadingMissing(ctx.cycle, id);
            consumed = m.consumedWh;
        }
        Settlement memory s = SettlementLib.settle(
            SettlementLib.Input({
                allocatedWh: SettlementLib.allocation(ctx.generatedWh, cumBefore, cumBefore + share),
                consumedWh: consumed,
                balanceWh: m.balanceWh,
                minimumWh: SettlementLib.minimumWh(m.connection),
                regime: ctx.regime,
                fullTariffMicroBrlPerKwh: ctx.fullTariff,
                fioBMicroBrlPerKwh: ctx.fioBTariff,
                fioBSharePpm: ctx.fioBSharePpm
            })
        );
        uint32 n = ctx.ordinal;
        uint32 oldest = m.oldestLotOrdinal;
        // 2. credits beyond the current allocation come from lots, oldest first (n-60 still usable).
        if (s.usedFromLotsWh != 0) {
            oldest = _takeOldest(id, _max32(oldest, n - LOT_LIFE_MONTHS), n - 1, s.usedFromLotsWh);
        }
        // 3-4. the lane of n holds the lot of n-60: expire what is left of it, then bank the new lot.
        expired = _rollLane(id, n, s.createdWh);
        s.expiredWh = expired;
        s.balanceWh = m.balanceWh - s.usedFromLotsWh - expired + s.createdWh;
        MemberState storage stored = _state[id];
        stored.balanceWh = s.balanceWh;
        stored.oldestLotOrdinal = _max32(oldest, n - (LOT_LIFE_MONTHS - 1));
        compensated = s.compensatedWh;
        emit MemberSettled(ctx.cycle, id, s);
    }

    /// @dev Empties the lane of ordinal `n` (the lot of `n - 60`, returned as expired) and puts the
    ///      new lot of `n` there.
    function _rollLane(uint32 id, uint32 n, uint64 createdWh) private returns (uint64 expired) {
        (uint256 key, uint256 shift) = _lane(n);
        uint256 word = _lots[id][key];
        // forge-lint: disable-next-line(unsafe-typecast)
        expired = uint64(word >> shift); // the lane's low 64 bits
        uint256 newWord = (word & ~(LANE_MASK << shift)) | (uint256(createdWh) << shift);
        if (newWord != word) _lots[id][key] = newWord;
    }

    /// @dev Removes `amount` Wh from lots of ordinals `from..to`, oldest first, skipping empty slots.
    ///      Returns the new oldest-lot pointer (≤ the oldest non-empty lot left).
    function _takeOldest(uint32 id, uint32 from, uint32 to, uint64 amount) private returns (uint32 o) {
        mapping(uint256 => uint256) storage lots = _lots[id];
        uint256 remaining = amount;
        uint256 key = type(uint256).max;
        uint256 word;
        bool dirty;
        o = from;
        while (remaining != 0 && o <= to) {
            (uint256 k, uint256 shift) = _lane(o);
            if (k != key) {
                if (dirty) lots[key] = word;
                key = k;
                word = lots[k];
                dirty = false;
                if (word == 0) {
                    // forge-lint: disable-next-line(unsafe-typecast) -- shift / 64 is a lane index 0..3
                    o += 4 - uint32(shift / 64); // skip the empty slot
                    continue;
                }
            }
            uint256 lane = (word >> shift) & LANE_MASK;
            if (lane != 0) {
                uint256 take = lane < remaining ? lane : remaining;
                remaining -= take;
                word -= take << shift;
                dirty = true;
                if (lane > take) break; // this lot is now the oldest
            }
            ++o;
        }
        if (dirty) lots[key] = word;
    }

    /// @dev Storage slot key and bit shift of the lot of month ordinal `o` in the 60-month ring.
    function _lane(uint32 o) private pure returns (uint256 key, uint256 shift) {
        uint256 r = o % LOT_LIFE_MONTHS;
        key = r / 4;
        shift = (r % 4) * 64;
    }

    /// @dev Some active member without a reading for `ordinal` (only on the failing path).
    function _firstMissingReading(uint32 ordinal, Ledger memory l) private view returns (uint32 id) {
        for (; id < l.memberCount; ++id) {
            MemberState memory m = _state[id];
            if (m.active && m.readingOrdinal != ordinal) return id;
        }
    }

    function _memberView(uint32 id) private view returns (MemberView memory v) {
        MemberState memory m = _state[id];
        MemberInfo storage info = _info[id];
        v = MemberView({
            id: id,
            wallet: info.wallet,
            ucCommitment: info.ucCommitment,
            connection: m.connection,
            sharePpm: m.sharePpm,
            active: m.active,
            label: info.label,
            balanceWh: m.balanceWh
        });
    }

    function _setSettings(Settings calldata s) private {
        _checkText(bytes(s.name).length, MAX_TEXT_BYTES);
        _checkText(bytes(s.distributor).length, MAX_TEXT_BYTES);
        if (s.plantCapacityW == 0 || s.fullTariffMicroBrlPerKwh == 0 || s.fioBMicroBrlPerKwh == 0) {
            revert InvalidSettings();
        }
        _settings = s;
        emit SettingsUpdated(s);
    }

    function _setFioBStep(uint16 year, uint32 sharePpm) private {
        if (year < CycleLib.MIN_YEAR || year > CycleLib.MAX_YEAR) revert InvalidSettings();
        if (sharePpm > PPM) revert ShareTooLarge(sharePpm);
        uint16[] storage stepYears = _fioBYears;
        uint256 n = stepYears.length;
        bool known;
        for (uint256 i; i < n; ++i) {
            if (stepYears[i] == year) known = true;
        }
        if (!known) {
            // insert keeping ascending order (at most 201 stepYears)
            stepYears.push(year);
            uint256 i = n;
            while (i > 0 && stepYears[i - 1] > year) {
                stepYears[i] = stepYears[i - 1];
                --i;
            }
            stepYears[i] = year;
        }
        _fioBStep[year] = sharePpm;
        emit FioBStepSet(year, sharePpm);
    }

    function _fioBShareAt(uint16 year) private view returns (uint32) {
        uint16[] storage stepYears = _fioBYears;
        for (uint256 i = stepYears.length; i > 0; --i) {
            uint16 y = stepYears[i - 1];
            if (y <= year) return _fioBStep[y];
        }
        return 0;
    }

    function _checkOpenCycle(uint32 cycle, uint32 open) private pure {
        cycle.validate();
        if (cycle != open) revert WrongCycle(cycle, open);
    }

    function _checkMember(uint32 memberId) private view {
        if (memberId >= _ledger.memberCount) revert UnknownMember(memberId);
    }

    function _checkNotClosing() private view {
        Ledger storage l = _ledger;
        if (l.closing) revert CycleIsClosing(l.openCycle);
    }

    function _checkText(uint256 length, uint256 maxLength) private pure {
        if (length > maxLength) revert TextTooLong(length, maxLength);
    }

    function _max32(uint32 a, uint32 b) private pure returns (uint32) {
        return a > b ? a : b;
    }
}
