// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./interfaces/ICommunity.sol";
import {ICommunityRegistry} from "./interfaces/ICommunityRegistry.sol";
import {ICommunityMarket} from "./interfaces/ICommunityMarket.sol";
import {ManagerRoles} from "./ManagerRoles.sol";
import {CycleLib} from "./libraries/CycleLib.sol";
import {SettlementLib} from "./libraries/SettlementLib.sol";
import {LotRingLib} from "./libraries/LotRingLib.sol";
import {MemberStateLib} from "./libraries/MemberStateLib.sol";

/// @title Community — the shared ledger of one shared-generation community
/// @notice Members, shares, monthly readings, and a batched cycle close that applies the
///         distributor's arithmetic (domain.md §2): allocation by share, compensation per regime,
///         credit lots that expire 60 months after their origin, minimum charge and Fio B.
/// @dev Deployed as an OpenZeppelin `Clones` minimal proxy by `CommunityRegistry`. Storage in
///      `CommunityLayout`; the read-only views (`ICommunityViews`) live in `CommunityViews`, which
///      the fallback runs on this storage inside a static call (room in the 24 KB limit).
contract Community is ICommunity, ManagerRoles {
    using CycleLib for uint32;
    using MemberStateLib for uint256;

    uint256 internal constant MAX_TEXT_BYTES = 64;
    uint256 internal constant MAX_LABEL_BYTES = 32;
    uint32 internal constant MAX_PLANT_W = 5_000_000;
    /// @notice Most entries in one `postReadings` / `setShares` / `scheduleShares` call.
    uint256 public constant MAX_BATCH = 1000;
    /// @notice A share schedule takes effect at most this many cycles after the open one.
    uint32 public constant MAX_SCHEDULE_AHEAD = 12;
    /// @dev EIP-712: the domain type, the claim type and the hashed name and version.
    ///      The long strings are hashed at compile time (constants): nothing is stored or copied.
    // solhint-disable gas-small-strings
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant CLAIM_TYPEHASH = keccak256("Claim(uint32 memberId,address wallet)");
    // solhint-enable gas-small-strings
    bytes32 internal constant NAME_HASH = keccak256("Compartilha");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    /// @notice The `CommunityViews` deployment whose code serves this community's read-only views.
    address public immutable views;

    /// @dev Figures fixed for a whole close batch, and its running totals (kept here rather than in
    ///      locals: the close loop then needs few enough stack slots that the IR pipeline moves
    ///      nothing to memory, which makes every member cheaper and Community smaller).
    struct BatchContext {
        uint32 cycle;
        uint32 ordinal;
        uint64 generatedWh;
        /// @dev The tariff and policy fields are the batch's; each member writes its own four
        ///      (allocation, consumption, balance, minimum) into this one struct before settling
        ///      (fewer values on the stack in the close loop than a fresh struct per member).
        SettlementLib.Input input;
        uint32 cumSharePpm; // running: Σ shares of the members settled so far in this close
        uint64 compensatedWh; // running totals of this close
        uint64 expiredWh;
    }

    /// @notice Locks the implementation (only clones are initialised) and fixes the views' code.
    constructor(address views_) {
        if (views_ == address(0)) revert ZeroAddress();
        views = views_;
        _initialized = true;
    }

    /// @notice Serves `ICommunityViews` (settings, openCycle, cycleInfo, dashboardOf, member, …):
    ///         an outside call is replayed as a static call to this same address, which runs the
    ///         views' code on this storage with `delegatecall`. The static call makes a write
    ///         impossible whatever the views' code is; an unknown selector reverts there.
    // It only forwards (a static call to itself, then a delegatecall to the views):
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
        address target = views;
        bool inner = msg.sender == address(this);
        assembly ("memory-safe") {
            calldatacopy(0, 0, calldatasize())
            let ok
            switch inner
            case 0 { ok := staticcall(gas(), address(), 0, calldatasize(), 0, 0) }
            default { ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0) }
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
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
        // The pool holds nothing older than the first cycle; a non-zero header word also keeps the
        // first donation to the pool from paying for a zero-to-non-zero SSTORE.
        _accounts[POOL_ACCOUNT] = uint256(0).withCredits(0, firstCycle.toOrdinal());
    }

    /// @notice Replaces the settings (manager only; not while a close is in progress).
    function updateSettings(Settings calldata settings_) external onlyManager notClosing {
        _setSettings(settings_);
    }

    /// @notice Sets the Fio B share charged from `year` on (manager only; not while closing).
    /// @dev `year` must be 2000..2200 (InvalidSetting 3); `sharePpm` ≤ 1,000,000 (ShareTooLarge).
    function setFioBStep(uint16 year, uint32 sharePpm) external onlyManager notClosing {
        _setFioBStep(year, sharePpm);
    }

    /// @notice Records the manager-elect's membership in the registry once they accept.
    function _afterManagerAccepted(address newManager) internal override {
        _registryCall(ICommunityRegistry.recordMembership.selector, newManager);
    }

    /// @dev Calls the registry's `recordMembership` or `dropMembership` for `wallet` (one call
    ///      site for all: room in the 24 KB limit); a revert there reverts here with its data.
    function _registryCall(bytes4 selector, address wallet) private {
        // The registry is ours; its revert data is re-thrown below.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = _registry.call(abi.encodeWithSelector(selector, wallet));
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(data, 32), mload(data))
            }
        }
    }

    // ───────────────────────────── members ─────────────────────────────

    /// @notice Adds an active member with the next id (ids start at 0). `wallet` may be 0: a unit
    ///         waiting for its invitation (`invite`, `claim`). The registry lists the community for
    ///         the wallet only once it consents (`claim` or `acceptMembership`). Manager only; not
    ///         while closing. After the first close a member joins with share 0 (else
    ///         `SharesFixedUseSchedule`) and gets its share through `scheduleShares`.
    function addMember(
        address wallet,
        bytes32 ucCommitment,
        Connection connection,
        uint32 sharePpm,
        string calldata label
    ) external onlyManager notClosing returns (uint32 memberId) {
        _checkNotMember(wallet);
        _checkText(bytes(label).length, MAX_LABEL_BYTES);
        if (sharePpm > PPM) revert ShareTooLarge(sharePpm);
        Ledger storage l = _ledger;
        if (sharePpm != 0 && l.openCycle != _firstCycle) revert SharesFixedUseSchedule();

        memberId = l.memberCount;
        l.memberCount = memberId + 1;
        l.activeCount += 1;
        uint32 total = l.totalSharePpm + sharePpm;
        l.totalSharePpm = total;

        if (wallet != address(0)) _idPlusOne[wallet] = memberId + 1;
        _info[memberId] = MemberInfo({wallet: wallet, ucCommitment: ucCommitment, label: label});
        // A member holds no lot older than the cycle it joins in (it may receive older ones later):
        // starting the oldest-lot pointer there spares lot walks a scan of empty ring slots.
        _accounts[memberId] = MemberStateLib.create(sharePpm, connection).withCredits(0, l.openCycle.toOrdinal());
        emit MemberAdded(memberId, wallet, ucCommitment, connection, sharePpm, label);
        if (sharePpm != 0) emit ShareChanged(memberId, 0, sharePpm, total);
    }

    /// @inheritdoc ICommunity
    /// @dev Reverts: NotManager, UnknownMember, InvitationExpired (an expiry not in the future).
    function invite(uint32 memberId, address key, uint64 expiresAt) external onlyManager {
        _checkMember(memberId);
        if (key == address(0)) expiresAt = 0;
        // forge-lint: disable-next-line(block-timestamp) -- an expiry is a date
        else if (expiresAt <= block.timestamp) revert InvitationExpired(memberId, expiresAt);
        _invitations[memberId] = Invitation({key: key, expiresAt: expiresAt, used: false});
        emit InvitationSet(memberId, key, expiresAt);
    }

    /// @inheritdoc ICommunity
    /// @dev Reverts: UnknownMember, NoInvitation, InvitationUsed, InvitationExpired,
    ///      BadInvitationSignature, MemberAlreadyExists (the caller is a member already).
    function claim(uint32 memberId, bytes calldata signature) external {
        _checkMember(memberId);
        Invitation storage inv = _invitations[memberId];
        address key = inv.key;
        if (key == address(0)) revert NoInvitation(memberId);
        if (inv.used) revert InvitationUsed(memberId);
        // forge-lint: disable-next-line(block-timestamp) -- an expiry is a date
        if (inv.expiresAt <= block.timestamp) revert InvitationExpired(memberId, inv.expiresAt);
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this))),
                keccak256(abi.encode(CLAIM_TYPEHASH, memberId, msg.sender))
            )
        );
        // A 65-byte (r, s, v) signature; `key` is not 0, so a failed recovery (0) never matches.
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := calldataload(signature.offset)
            s := calldataload(add(signature.offset, 32))
            v := byte(0, calldataload(add(signature.offset, 64)))
        }
        if (signature.length != 65 || ecrecover(digest, v, r, s) != key) revert BadInvitationSignature(memberId);
        _checkNotMember(msg.sender);
        inv.used = true;
        MemberInfo storage info = _info[memberId];
        address old = info.wallet;
        info.wallet = msg.sender;
        _idPlusOne[msg.sender] = memberId + 1;
        emit MemberWalletChanged(memberId, old, msg.sender);
        if (old != address(0)) {
            delete _idPlusOne[old];
            ICommunityMarket(_market).onWalletChanged(memberId, msg.sender);
            if (old != _manager) _registryCall(ICommunityRegistry.dropMembership.selector, old);
        }
        _registryCall(ICommunityRegistry.recordMembership.selector, msg.sender);
    }

    /// @inheritdoc ICommunity
    /// @dev Reverts: NotAMember.
    function acceptMembership() external {
        if (_idPlusOne[msg.sender] == 0) revert NotAMember(msg.sender);
        _registryCall(ICommunityRegistry.recordMembership.selector, msg.sender);
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
        _accounts[memberId] = _accounts[memberId].withConnection(connection);
        emit MemberUpdated(memberId, ucCommitment, connection, label);
    }

    /// @notice Sets shares (ppm) of several members at once: the initial allocation table, before the
    ///         first close only. After it shares change only from a later cycle, through
    ///         `scheduleShares` (this reverts `SharesFixedUseSchedule`). Manager only; not while
    ///         closing. The total may differ from 1,000,000 in between; the first cycle only closes
    ///         when it is exactly 1,000,000.
    function setShares(uint32[] calldata memberIds, uint32[] calldata sharesPpm) external onlyManager notClosing {
        if (_ledger.openCycle != _firstCycle) revert SharesFixedUseSchedule();
        _writeShares(memberIds, sharesPpm, 0, 0, 0);
    }

    /// @notice Activates or deactivates a member; an inactive member needs no reading, consumes
    ///         nothing, and its lots still expire. Before the first close deactivating sets the share
    ///         to 0; after it a member whose share in force or pending share is not 0 cannot be
    ///         deactivated (`MemberHasShare`: schedule its share to 0 first, deactivate once that is in
    ///         force). Manager only; not while closing.
    function setActive(uint32 memberId, bool active) external onlyManager notClosing {
        _checkMember(memberId);
        uint256 w = _accounts[memberId];
        if (w.active() == active) return;
        Ledger storage l = _ledger;
        uint32 open = l.openCycle;
        uint32 openOrdinal = open.toOrdinal();
        if (!active && open != _firstCycle) {
            (uint32 inForce, uint32 pending,,) = _sharesOf(w, memberId, openOrdinal);
            if (inForce != 0 || pending != 0) revert MemberHasShare(memberId, inForce != 0 ? inForce : pending);
            // its share is 0 now and from any pending schedule on: fold that (the total is unchanged)
            w = w.withSharePpm(0).withPendingShare(false);
        }
        bool hasReading = w.readingOrdinal() == openOrdinal;
        w = w.withActive(active);
        if (active) {
            l.activeCount += 1;
            if (hasReading) l.readingsCount += 1;
        } else {
            l.activeCount -= 1;
            if (hasReading) l.readingsCount -= 1;
            uint32 old = w.sharePpm();
            if (old != 0) {
                w = w.withSharePpm(0);
                uint32 total = l.totalSharePpm - old;
                l.totalSharePpm = total;
                emit ShareChanged(memberId, old, 0, total);
            }
        }
        _accounts[memberId] = w;
        emit MemberActiveChanged(memberId, active);
    }

    /// @notice Files a new allocation table with the distributor: from `effectiveCycle` (YYYYMM, 1 to
    ///         `MAX_SCHEDULE_AHEAD` cycles after the open one) each listed member gets its listed
    ///         share; members not listed keep theirs; the cycles before keep the shares in force now.
    ///         `filedOn` is the date the request was filed (YYYYMMDD), `documentHash` the keccak256 of
    ///         the filed document (each document schedules once: `DocumentAlreadyFiled`). The shares
    ///         in force from `effectiveCycle` must sum to exactly 1,000,000 (`SharesDoNotSum`); an
    ///         inactive member can only be listed with 0, and a member only once (`DuplicateMember`).
    ///         One schedule waits at a time (`ShareSchedulePending`; `cancelShareSchedule` withdraws
    ///         it). Manager only, after the first close (before it `setShares` sets the table:
    ///         `NothingClosedYet`), not while closing. Nothing is half-applied: any error reverts all.
    function scheduleShares(
        uint32[] calldata memberIds,
        uint32[] calldata sharesPpm,
        uint32 effectiveCycle,
        uint32 filedOn,
        bytes32 documentHash
    ) external onlyManager notClosing {
        (uint32 id, uint32 effective, uint32 openOrdinal) = _checkSchedule(effectiveCycle, filedOn, documentHash);
        uint32 total = _writeShares(memberIds, sharesPpm, id, effectiveCycle, openOrdinal);
        if (total != PPM) revert SharesDoNotSum(total);
        ShareBook storage book = _shareBook;
        book.latestId = id;
        book.filed[documentHash] = true;
        book.schedules[id] = ShareScheduleRecord({
            effectiveOrdinal: effective, filedOn: filedOn, totalPpm: total, cancelled: false, documentHash: documentHash
        });
        emit ShareScheduleCreated(id, effectiveCycle, filedOn, documentHash, total);
    }

    /// @notice Withdraws the pending share schedule (e.g. the distributor refused it): every member
    ///         keeps the share in force now, and its document cannot be filed again. Manager only; not
    ///         while closing; `NoShareSchedulePending` when none waits.
    function cancelShareSchedule() external onlyManager notClosing {
        (uint32 id, uint32 pendingOrdinal) = _pendingSchedule(_ledger.openCycle.toOrdinal());
        if (pendingOrdinal == 0) revert NoShareSchedulePending();
        _shareBook.schedules[id].cancelled = true;
        emit ShareScheduleCancelled(id, CycleLib.fromOrdinal(pendingOrdinal));
    }

    // ───────────────────────────── cycles ─────────────────────────────

    /// @notice Posts (or overwrites) the plant's generation for the open cycle. Manager or meter reader.
    /// @dev At most type(uint32).max Wh (GenerationTooLarge): lots are uint32 lanes, and a legal plant
    ///      (≤ 5 MW) makes < 3.72 GWh in a 31-day month, below 4.29 GWh.
    function postGeneration(uint32 cycle, uint64 generatedWh) external onlyManagerOrMeterReader notClosing {
        if (generatedWh > type(uint32).max) revert GenerationTooLarge(generatedWh, type(uint32).max);
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
            uint256 w = _accounts[id];
            if (!w.active()) revert MemberInactive(id);
            if (w.readingOrdinal() != ordinal) ++added;
            uint64 consumed = consumedWh[i];
            _accounts[id] = w.withReading(ordinal, consumed);
            emit ReadingPosted(cycle, id, consumed);
        }
        if (added != 0) _ledger.readingsCount = l.readingsCount + added;
    }

    /// @notice Closes the open cycle in batches of `maxMembers` members (0 = all remaining). The first
    ///         call checks generation, shares in force for this cycle (exactly 1,000,000) and that
    ///         every active member has a reading; each call settles members in id order with the
    ///         shares in force for this cycle; the call that settles the last member finalises the
    ///         cycle and opens the next (from which a share schedule may take effect:
    ///         `ShareScheduleApplied`). Manager or meter reader.
    /// @return done True when the cycle is closed.
    // The batch context is built inline: factored out into a function, the IR pipeline moves
    // variables of the close loop to memory (dearer per member, and a larger contract).
    // solhint-disable-next-line function-max-lines
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
            input: SettlementLib.Input({
                allocatedWh: 0,
                consumedWh: 0,
                balanceWh: 0,
                minimumWh: 0,
                regime: _settings.regime,
                fullTariffMicroBrlPerKwh: _settings.fullTariffMicroBrlPerKwh,
                fioBMicroBrlPerKwh: _settings.fioBMicroBrlPerKwh,
                fioBSharePpm: _fioBShareAt(cycle.year()),
                gd2BelowMinimum: _settings.gd2BelowMinimum
            }),
            cumSharePpm: l.cumSharePpm,
            compensatedWh: t.compensatedWh,
            expiredWh: t.expiredWh
        });
        for (uint32 id = l.cursor; id < end; ++id) {
            // Each member's settlement structs are garbage once its event is out: reuse that memory,
            // or memory expansion (quadratic) makes members late in a large batch dearer.
            uint256 freeMemory;
            assembly ("memory-safe") {
                freeMemory := mload(0x40)
            }
            _settleMember(ctx, id);
            assembly ("memory-safe") {
                mstore(0x40, freeMemory)
            }
        }
        l.cursor = end;
        l.cumSharePpm = ctx.cumSharePpm;
        uint64 compensated = ctx.compensatedWh;
        uint64 expired = ctx.expiredWh;
        t.compensatedWh = compensated;
        t.expiredWh = expired;

        if (end == l.memberCount) {
            expired += _expirePoolLot(cycle, ordinal);
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
            l.totalSharePpm = _applyShareSchedule(ordinal + 1, l.totalSharePpm);
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
    ///         cycle; a negative one removes credits oldest lot first. Immediate (no delay before the
    ///         credits can be traded: see the README's trust model); the event names the manager.
    function adjustCredits(uint32 memberId, int64 deltaWh, bytes32 reasonHash) external onlyManager notClosing {
        _checkMember(memberId);
        if (deltaWh == 0) revert ZeroAmount();
        uint32 open = _ledger.openCycle;
        if (open == _firstCycle) revert NothingClosedYet();
        uint32 lastOrdinal = open.toOrdinal() - 1;
        uint256 w = _accounts[memberId];
        uint64 balance = w.balanceWh();
        uint32 oldest = w.oldestLotOrdinal();
        if (deltaWh > 0) {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint64 add = uint64(deltaWh); // positive int64 fits
            (uint256 key, uint256 shift) = _lane(lastOrdinal);
            uint256 word = _lots[memberId][key];
            uint256 lane = ((word >> shift) & LANE_MASK) + add;
            if (lane > LANE_MASK) revert LotTooLarge(CycleLib.fromOrdinal(lastOrdinal), lane, LANE_MASK);
            _lots[memberId][key] = word + (uint256(add) << shift);
            balance += add;
            if (oldest > lastOrdinal) oldest = lastOrdinal;
        } else {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint64 remove = uint64(uint128(-int128(deltaWh))); // |int64.min| fits a uint64
            if (remove > balance) revert AdjustmentExceedsBalance(memberId, balance, remove);
            uint32 from = _max32(oldest, lastOrdinal - (LOT_LIFE_MONTHS - 1));
            (oldest,) = _takeOldest(memberId, from, lastOrdinal, remove);
            balance -= remove;
        }
        _accounts[memberId] = w.withCredits(balance, oldest);
        emit CreditsAdjusted(memberId, CycleLib.fromOrdinal(lastOrdinal), deltaWh, reasonHash, balance, msg.sender);
    }

    // ───────────────────────────── donations and the solidarity pool ─────────────────────────────

    /// @inheritdoc ICommunity
    /// @dev Reverts: NotAMember / MemberInactive (caller), SelfTransfer, UnknownMember /
    ///      MemberInactive (recipient), ZeroAmount, InsufficientCredits, CycleIsClosing.
    function donate(uint32 toMemberId, uint64 amountWh, bytes32 messageHash) external {
        (uint32 fromId, uint32 cycle, uint32 lastOrdinal) = _checkDonor(amountWh);
        if (toMemberId == fromId) revert SelfTransfer(fromId);
        _checkActiveMember(toMemberId);
        _moveCredits(fromId, toMemberId, amountWh, lastOrdinal);
        emit CreditsDonated(fromId, toMemberId, cycle, amountWh, messageHash);
    }

    /// @inheritdoc ICommunity
    /// @dev Reverts: NotAMember / MemberInactive, ZeroAmount, InsufficientCredits, CycleIsClosing.
    function donateToPool(uint64 amountWh, bytes32 messageHash) external {
        (uint32 fromId, uint32 cycle, uint32 lastOrdinal) = _checkDonor(amountWh);
        _moveCredits(fromId, POOL_ACCOUNT, amountWh, lastOrdinal);
        emit PoolDonated(fromId, cycle, amountWh, messageHash);
    }

    /// @inheritdoc ICommunity
    /// @dev Reverts: NotManager, CycleIsClosing, UnknownMember / MemberInactive, ZeroAmount,
    ///      PoolInsufficient.
    function assignFromPool(uint32 toMemberId, uint64 amountWh, bytes32 reasonHash) external onlyManager {
        uint32 cycle = _openCycleNotClosing();
        _checkActiveMember(toMemberId);
        if (amountWh == 0) revert ZeroAmount();
        uint64 pool = _accounts[POOL_ACCOUNT].balanceWh();
        if (amountWh > pool) revert PoolInsufficient(pool, amountWh);
        _moveCredits(POOL_ACCOUNT, toMemberId, amountWh, cycle.toOrdinal() - 1);
        emit PoolAssigned(toMemberId, cycle, amountWh, reasonHash);
    }

    // ───────────────────────────── market ─────────────────────────────

    /// @inheritdoc ICommunity
    function attachMarket(address market_) external {
        if (msg.sender != _registry) revert NotMarket(msg.sender);
        if (_market != address(0)) revert MarketAlreadyAttached(_market);
        _market = market_;
    }

    /// @inheritdoc ICommunity
    function market() external view returns (address) {
        return _market;
    }

    /// @inheritdoc ICommunity
    function marketContext(address wallet)
        external
        view
        returns (
            uint32 idPlusOne,
            bool active,
            uint32 cycle,
            bool closing,
            address token,
            TradingPolicy policy,
            uint32 minOrderWh
        )
    {
        idPlusOne = _idPlusOne[wallet];
        if (idPlusOne != 0) active = _accounts[idPlusOne - 1].active();
        cycle = _ledger.openCycle;
        closing = _ledger.closing;
        token = _settings.paymentToken;
        policy = _settings.tradingPolicy;
        minOrderWh = _settings.minOrderWh;
    }

    /// @inheritdoc ICommunity
    /// @dev An escrow account (≥ ESCROW_BASE) is not settled at closes: first its lots that reached
    ///      expiry (origin + 60 ≤ last closed ordinal) are dropped and counted as expired
    ///      (`EscrowExpired`). Its lots always span ≤ 60 origins (nothing is added before that drop).
    function moveCreditsForMarket(uint256 fromAccount, uint256 toAccount, uint64 amountWh)
        external
        returns (uint64 movedWh, uint64 expiredWh, uint32 soonestExpiryCycle, bool makerInactive)
    {
        if (msg.sender != _market) revert NotMarket(msg.sender);
        uint32 cycle = _openCycleNotClosing();
        uint32 last = cycle.toOrdinal() - 1;
        if (_makerInactive(fromAccount, toAccount)) return (0, 0, 0, true);
        uint256 escrow = fromAccount >= ESCROW_BASE ? fromAccount : toAccount;
        bool isEscrow = escrow >= ESCROW_BASE;
        if (isEscrow) expiredWh = _dropExpiredEscrow(escrow, cycle, last);
        uint64 balance = _accounts[fromAccount].balanceWh();
        movedWh = amountWh < balance ? amountWh : balance;
        if (movedWh != 0) _moveCredits(fromAccount, toAccount, movedWh, last);
        uint256 w = _accounts[escrow];
        if (isEscrow && w.balanceWh() != 0) {
            soonestExpiryCycle = CycleLib.fromOrdinal(_max32(w.oldestLotOrdinal(), last - 59) + LOT_LIFE_MONTHS);
        }
    }

    // ───────────────────────────── views ─────────────────────────────
    // Only what the market reads in its own transactions stays here (`memberIdOf`, `market`,
    // `marketContext`); every other read is in `CommunityViews` (ICommunityViews), served by the
    // fallback on this storage: room in the 24 KB limit and in a 5M-gas deployment.

    /// @notice The member id of `wallet`, if it is a member.
    function memberIdOf(address wallet) external view returns (bool found, uint32 memberId) {
        uint32 idPlusOne = _idPlusOne[wallet];
        if (idPlusOne != 0) return (true, idPlusOne - 1);
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Drops the lots of escrow account `escrow` that reached expiry (EscrowExpired).
    function _dropExpiredEscrow(uint256 escrow, uint32 cycle, uint32 last) private returns (uint64 expiredWh) {
        uint256 w = _accounts[escrow];
        uint32 oldest = w.oldestLotOrdinal();
        if (w.balanceWh() == 0 || oldest + LOT_LIFE_MONTHS > last) return 0;
        (, uint256 left) =
            _takeOldest(escrow, oldest, _min32(last - LOT_LIFE_MONTHS, oldest + LOT_LIFE_MONTHS - 1), w.balanceWh());
        // forge-lint: disable-next-line(unsafe-typecast) -- ≤ the uint64 balance
        uint64 kept = uint64(left);
        expiredWh = w.balanceWh() - kept;
        _accounts[escrow] = w.withCredits(kept, last - (LOT_LIFE_MONTHS - 1));
        emit EscrowExpired(escrow, cycle, expiredWh);
    }

    /// @dev A market trade — member → member (the receiver made the bid) or a seller's escrow →
    ///      another member (the escrow's owner made the ask) — whose maker is inactive.
    function _makerInactive(uint256 fromAccount, uint256 toAccount) private view returns (bool) {
        uint256 maker;
        if (fromAccount >= ESCROW_BASE) {
            maker = fromAccount - ESCROW_BASE;
            if (toAccount == maker) return false; // escrow back to its owner
        } else if (toAccount < ESCROW_BASE) {
            maker = toAccount;
        } else {
            return false; // escrowing one's own credits
        }
        return !_accounts[maker].active();
    }

    /// @dev Settles member `id` at `ctx` (adding its share and its compensated and expired Wh to
    ///      the batch's running totals). One SLOAD and one SSTORE of the member's word.
    function _settleMember(BatchContext memory ctx, uint32 id) private {
        uint256 w = _accounts[id];
        if (w.hasPendingShare()) w = _foldShare(w, id, ctx.ordinal);
        uint32 share = w.sharePpm();
        uint32 cumBefore = ctx.cumSharePpm;
        ctx.cumSharePpm = cumBefore + share;
        uint64 consumed;
        if (w.active()) {
            if (w.readingOrdinal() != ctx.ordinal) revert ReadingMissing(ctx.cycle, id);
            consumed = w.consumedWh();
        }
        uint64 balance = w.balanceWh();
        SettlementLib.Input memory input = ctx.input;
        input.allocatedWh = SettlementLib.allocation(ctx.generatedWh, cumBefore, cumBefore + share);
        input.consumedWh = consumed;
        input.balanceWh = balance;
        input.minimumWh = SettlementLib.minimumWh(w.connection());
        Settlement memory s = SettlementLib.settle(input);
        uint32 n = ctx.ordinal;
        uint32 oldest = w.oldestLotOrdinal();
        // 2. credits beyond the current allocation come from lots, oldest first (n-60 still usable).
        if (s.usedFromLotsWh != 0) {
            (oldest,) = _takeOldest(id, _max32(oldest, n - LOT_LIFE_MONTHS), n - 1, s.usedFromLotsWh);
        }
        // 3-4. the lane of n holds the lot of n-60: expire what is left of it, then bank the new lot
        //      (createdWh ≤ allocatedWh ≤ generatedWh ≤ type(uint32).max, so it fits the lane).
        uint64 expired = _rollLane(id, n, s.createdWh);
        s.expiredWh = expired;
        ctx.expiredWh += expired;
        // usedFromLots + expired ≤ balance: both come out of lots that sum to it.
        unchecked {
            s.balanceWh = balance - s.usedFromLotsWh - expired + s.createdWh;
        }
        _accounts[id] = w.withCredits(s.balanceWh, _max32(oldest, n - (LOT_LIFE_MONTHS - 1)));
        ctx.compensatedWh += s.compensatedWh;
        emit MemberSettled(ctx.cycle, id, s);
    }

    /// @dev At the close that opens ordinal `next`: the latest share schedule, when it takes effect
    ///      there, gives the total in force from then on (`ShareScheduleApplied`); else `total` stays.
    function _applyShareSchedule(uint32 next, uint32 total) private returns (uint32) {
        uint32 id = _shareBook.latestId;
        if (id == 0) return total;
        ShareScheduleRecord storage s = _shareBook.schedules[id];
        if (s.cancelled || s.effectiveOrdinal != next) return total;
        total = s.totalPpm;
        emit ShareScheduleApplied(id, CycleLib.fromOrdinal(next), total);
        return total;
    }

    /// @dev `scheduleShares`' checks of everything but the lines; returns the new schedule's id, the
    ///      effective ordinal and the open cycle's ordinal.
    function _checkSchedule(uint32 effectiveCycle, uint32 filedOn, bytes32 documentHash)
        private
        view
        returns (uint32 id, uint32 effective, uint32 openOrdinal)
    {
        uint32 open = _ledger.openCycle;
        if (open == _firstCycle) revert NothingClosedYet();
        openOrdinal = open.toOrdinal();
        effective = effectiveCycle.toOrdinal();
        if (effective <= openOrdinal) revert EffectiveCycleNotAfterOpen(effectiveCycle, open);
        uint32 latest = openOrdinal + MAX_SCHEDULE_AHEAD;
        if (effective > latest) revert EffectiveCycleTooFar(effectiveCycle, CycleLib.fromOrdinal(latest));
        uint32 day = filedOn % 100;
        if (day == 0 || day > 31 || !CycleLib.isValid(filedOn / 100)) revert InvalidFilingDate(filedOn);
        if (documentHash == 0) revert DocumentHashMissing();
        if (_shareBook.filed[documentHash]) revert DocumentAlreadyFiled(documentHash);
        uint32 pendingOrdinal;
        (id, pendingOrdinal) = _pendingSchedule(openOrdinal);
        if (pendingOrdinal != 0) revert ShareSchedulePending(id, CycleLib.fromOrdinal(pendingOrdinal));
        id += 1;
    }

    /// @dev Writes the listed shares (at most MAX_BATCH) and returns the total: immediately when
    ///      `scheduleId` is 0 (`setShares`: the share in each word, `ShareChanged`, the ledger's
    ///      total updated), else as schedule `scheduleId`'s lines from `effectiveCycle`
    ///      (`MemberShareScheduled`; the total is Σ shares in force from then: the one in force now,
    ///      each listed member's share replaced). A listed member's earlier line is folded first:
    ///      none waits (`_checkSchedule`), so it is in force or cancelled.
    function _writeShares(
        uint32[] calldata memberIds,
        uint32[] calldata sharesPpm,
        uint32 scheduleId,
        uint32 effectiveCycle,
        uint32 openOrdinal
    ) private returns (uint32 total) {
        uint256 n = memberIds.length;
        if (n != sharesPpm.length) revert LengthMismatch(n, sharesPpm.length);
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        Ledger storage l = _ledger;
        uint32 count = l.memberCount;
        total = l.totalSharePpm;
        mapping(uint32 => uint256) storage lines = _shareBook.pending;
        for (uint256 i; i < n; ++i) {
            uint32 memberId = memberIds[i];
            uint32 share = sharesPpm[i];
            if (memberId >= count) revert UnknownMember(memberId);
            if (share > PPM) revert ShareTooLarge(share);
            uint256 w = _accounts[memberId];
            if (!w.active() && share != 0) revert MemberInactive(memberId);
            bool scheduled = scheduleId != 0;
            if (scheduled && w.hasPendingShare() && lines[memberId] >> 32 == scheduleId) {
                revert DuplicateMember(memberId);
            }
            (uint32 old,,,) = _sharesOf(w, memberId, openOrdinal);
            total = total - old + share;
            if (scheduled) {
                lines[memberId] = uint256(share) | (uint256(scheduleId) << 32);
                _accounts[memberId] = w.withSharePpm(old).withPendingShare(true);
                emit MemberShareScheduled(memberId, old, share, effectiveCycle, scheduleId);
            } else {
                _accounts[memberId] = w.withSharePpm(share);
                emit ShareChanged(memberId, old, share, total);
            }
        }
        if (scheduleId == 0) l.totalSharePpm = total;
    }

    /// @dev The latest share schedule's id, and its effective ordinal when it still waits (neither
    ///      cancelled nor in force at `openOrdinal`; 0 otherwise).
    function _pendingSchedule(uint32 openOrdinal) private view returns (uint32 id, uint32 pendingOrdinal) {
        id = _shareBook.latestId;
        ShareScheduleRecord storage s = _shareBook.schedules[id];
        if (!s.cancelled && s.effectiveOrdinal > openOrdinal) pendingOrdinal = s.effectiveOrdinal;
    }

    /// @dev Member `id`'s word `w` (pending flag set) with its share in force at ordinal `o` folded
    ///      in and the flag cleared when its line no longer waits; `w` unchanged otherwise.
    function _foldShare(uint256 w, uint32 id, uint32 o) private view returns (uint256) {
        (uint32 share,,, bool resolved) = _sharesOf(w, id, o);
        return resolved ? w.withSharePpm(share).withPendingShare(false) : w;
    }

    /// @dev Empties the lane of ordinal `n` (the lot of `n - 60`, returned as expired) and puts the
    ///      new lot of `n` there.
    function _rollLane(uint256 account, uint32 n, uint64 createdWh) private returns (uint64 expired) {
        (uint256 key, uint256 shift) = _lane(n);
        uint256 word = _lots[account][key];
        // forge-lint: disable-next-line(unsafe-typecast) -- masked to the 32-bit lane
        expired = uint64((word >> shift) & LANE_MASK);
        uint256 newWord = (word & ~(LANE_MASK << shift)) | (uint256(createdWh) << shift);
        if (newWord != word) _lots[account][key] = newWord;
    }

    /// @dev The pool receives no new lots at a close, but its lot of `n - 60` expires like any other
    ///      (one lane: bounded). Returns the Wh expired; skips the lot slot when nothing can be there.
    function _expirePoolLot(uint32 cycle, uint32 n) private returns (uint64 expired) {
        uint256 w = _accounts[POOL_ACCOUNT];
        uint64 balance = w.balanceWh();
        if (balance == 0 || w.oldestLotOrdinal() > n - LOT_LIFE_MONTHS) return 0;
        expired = _rollLane(POOL_ACCOUNT, n, 0);
        _accounts[POOL_ACCOUNT] = w.withCredits(balance - expired, n - (LOT_LIFE_MONTHS - 1));
        if (expired != 0) emit PoolExpired(cycle, expired);
    }

    /// @dev Removes up to `amount` Wh of `account`'s lots `from..to`, oldest first (LotRingLib.take).
    function _takeOldest(uint256 account, uint32 from, uint32 to, uint64 amount)
        private
        returns (uint32 o, uint256 remaining)
    {
        mapping(uint256 => uint256) storage lots = _lots[account];
        (o, remaining,) = LotRingLib.take(lots, lots, false, from, to, amount);
    }

    /// @dev THE credit move between accounts (members, the pool; later order escrows): takes
    ///      `amount` Wh from `from`'s lots oldest first and adds each part to `to`'s lot of the same
    ///      origin month, so every Wh keeps its expiry. Lots live at origins
    ///      `lastOrdinal - 59 .. lastOrdinal` (no close in progress: callers check). Both rings use the
    ///      same positions, so each ring slot is read and written once per account. Callers check
    ///      that `from` holds `amount` (with their own error) and that `from != to`.
    function _moveCredits(uint256 from, uint256 to, uint64 amount, uint32 lastOrdinal) internal {
        uint256 fromWord = _accounts[from];
        uint256 toWord = _accounts[to];
        uint32 first = _max32(fromWord.oldestLotOrdinal(), lastOrdinal - (LOT_LIFE_MONTHS - 1));
        (uint32 o, uint256 remaining, uint32 firstMoved) =
            LotRingLib.take(_lots[from], _lots[to], true, first, lastOrdinal, amount);
        // balance == Σ lots, and the caller checked amount ≤ balance
        assert(remaining == 0);
        _accounts[from] = fromWord.withCredits(fromWord.balanceWh() - amount, o);
        uint32 toOldest = toWord.balanceWh() == 0 ? firstMoved : _min32(toWord.oldestLotOrdinal(), firstMoved);
        _accounts[to] = toWord.withCredits(toWord.balanceWh() + amount, toOldest);
    }

    /// @dev Some active member without a reading for `ordinal` (only on the failing path).
    function _firstMissingReading(uint32 ordinal, Ledger memory l) private view returns (uint32 id) {
        for (; id < l.memberCount; ++id) {
            uint256 w = _accounts[id];
            if (w.active() && w.readingOrdinal() != ordinal) return id;
        }
    }

    function _setSettings(Settings calldata s) private {
        _checkText(bytes(s.name).length, MAX_TEXT_BYTES);
        _checkText(bytes(s.distributor).length, MAX_TEXT_BYTES);
        // A distributed-generation plant is at most 5 MW (Law 14.300 art. 1, minigeração).
        if (s.plantCapacityW == 0 || s.plantCapacityW > MAX_PLANT_W) revert InvalidSetting(0, s.plantCapacityW);
        if (s.fullTariffMicroBrlPerKwh == 0) revert InvalidSetting(1, s.fullTariffMicroBrlPerKwh);
        if (s.fioBMicroBrlPerKwh == 0 || s.fioBMicroBrlPerKwh > s.fullTariffMicroBrlPerKwh) {
            revert InvalidSetting(2, s.fioBMicroBrlPerKwh);
        }
        _settings = s;
        emit SettingsUpdated(s);
    }

    function _setFioBStep(uint16 year, uint32 sharePpm) private {
        if (year < CycleLib.MIN_YEAR || year > CycleLib.MAX_YEAR) revert InvalidSetting(3, year);
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

    function _checkOpenCycle(uint32 cycle, uint32 open) private pure {
        cycle.validate();
        if (cycle != open) revert WrongCycle(cycle, open);
    }

    function _checkNotClosing() private view {
        Ledger storage l = _ledger;
        if (l.closing) revert CycleIsClosing(l.openCycle);
    }

    /// @dev The open cycle; reverts with CycleIsClosing during a batched close.
    function _openCycleNotClosing() private view returns (uint32 open) {
        Ledger storage l = _ledger;
        open = l.openCycle;
        if (l.closing) revert CycleIsClosing(open);
    }

    function _checkActiveMember(uint32 memberId) private view {
        _checkMember(memberId);
        if (!_accounts[memberId].active()) revert MemberInactive(memberId);
    }

    /// @dev Checks a donation's caller and amount; returns the caller's id, the open cycle and the
    ///      ordinal of the last closed cycle (the newest lot).
    function _checkDonor(uint64 amountWh) private view returns (uint32 id, uint32 cycle, uint32 lastOrdinal) {
        cycle = _openCycleNotClosing();
        uint32 idPlusOne = _idPlusOne[msg.sender];
        if (idPlusOne == 0) revert NotAMember(msg.sender);
        id = idPlusOne - 1;
        uint256 w = _accounts[id];
        if (!w.active()) revert MemberInactive(id);
        if (amountWh == 0) revert ZeroAmount();
        uint64 balance = w.balanceWh();
        if (amountWh > balance) revert InsufficientCredits(id, balance, amountWh);
        lastOrdinal = cycle.toOrdinal() - 1;
    }

    /// @dev `wallet` (when not 0) is nobody's wallet yet.
    function _checkNotMember(address wallet) private view {
        uint32 existing = _idPlusOne[wallet];
        if (existing != 0) revert MemberAlreadyExists(wallet, existing - 1);
    }

    function _checkText(uint256 length, uint256 maxLength) private pure {
        if (length > maxLength) revert TextTooLong(length, maxLength);
    }

    function _min32(uint32 a, uint32 b) private pure returns (uint32) {
        return a < b ? a : b;
    }
}
