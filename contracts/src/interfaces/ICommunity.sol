// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "./ICommonErrors.sol";

/// @title ICommunity — the public surface of one shared-generation community's ledger
/// @notice Units are in the names: `Wh` (watt-hours), `Ppm` (parts per million), `MicroBrl`
///         (millionths of a real: R$0.80 = 800_000), `W` (watts). Cycles are YYYYMM (202610).
///         Personal data never goes on-chain: a UC number only as a salted commitment, a member
///         only as a short label the community chooses.
interface ICommunity is ICommonErrors {
    // ───────────────────────────── types ─────────────────────────────
    /// @notice GD I: legacy (exempt from Fio B to 2045, never compensates below the minimum).
    ///         GD II: Law 14.300 art. 27 (pays the billing year's Fio B share on compensated kWh).
    enum Regime {
        GD_I,
        GD_II
    }

    /// @notice Minimum charge (custo de disponibilidade): 30 / 50 / 100 kWh.
    enum Connection {
        SinglePhase,
        TwoPhase,
        ThreePhase
    }

    /// @notice Law 14.300 art. 28 forbids selling credits for money; a community chooses.
    enum TradingPolicy {
        DonationsOnly,
        PricedOrders
    }

    /// @notice GD II unit consuming little: under REN 1.000 art. 655-I its grid bill is
    ///         max(minimum charge; uncompensated kWh × full tariff + Fio B on compensated kWh), so
    ///         credits that would take the bill under the minimum buy nothing. `DownToMinimum` (the
    ///         default) compensates only while the bill stays at or above the minimum and keeps the
    ///         rest as credits; `AllConsumption` compensates all consumption, as some distributors
    ///         do. GD I is not affected (it never compensates below the minimum).
    enum BelowMinimum {
        DownToMinimum,
        AllConsumption
    }

    struct Settings {
        string name; // ≤ 64 bytes
        string distributor; // ≤ 64 bytes
        uint32 plantCapacityW; // 30 kWp = 30_000
        Regime regime;
        uint64 fullTariffMicroBrlPerKwh; // R$0.80/kWh = 800_000
        uint64 fioBMicroBrlPerKwh; // R$0.28/kWh = 280_000
        address paymentToken; // ERC-20 for priced orders (0 = none yet)
        TradingPolicy tradingPolicy;
        BelowMinimum gd2BelowMinimum; // GD II: compensate down to the minimum (default) or all consumption
        uint32 minOrderWh; // smallest priced order the market accepts (Wh; 0 = no minimum)
    }

    /// @notice Share of Fio B charged on compensated energy (GD II) from `year` on.
    struct FioBStep {
        uint16 year;
        uint32 sharePpm; // 60 % = 600_000
    }

    struct MemberView {
        uint32 id;
        address wallet;
        bytes32 ucCommitment; // keccak256(abi.encodePacked(salt, ucNumber)) computed off-chain
        Connection connection;
        uint32 sharePpm;
        bool active;
        string label; // ≤ 32 bytes, e.g. "Apto 101"
        uint64 balanceWh;
        uint32 pendingSharePpm; // share filed for a later cycle (0 with pendingShareCycle 0 when none)
        uint32 pendingShareCycle; // YYYYMM from which pendingSharePpm applies (0 = nothing pending)
    }

    /// @notice The latest share schedule (`scheduleShares`): a new allocation table filed with the
    ///         distributor on `filedOn` (YYYYMMDD), effective from `effectiveCycle`. `pending` while
    ///         it is neither cancelled nor in force yet (id 0: none ever filed).
    struct ShareSchedule {
        uint32 id;
        uint32 effectiveCycle;
        uint32 filedOn;
        bytes32 documentHash;
        uint32 totalPpm;
        bool cancelled;
        bool pending;
    }

    /// @notice A credit lot: energy banked in `originCycle`, usable until it expires at the close of
    ///         `expiryCycle` (origin + 60 months).
    struct Lot {
        uint32 originCycle;
        uint32 expiryCycle;
        uint64 amountWh;
    }

    /// @notice Every figure of one member in one closed cycle (domain.md §2, §6).
    struct Settlement {
        uint64 allocatedWh; // generation × share
        uint64 consumedWh; // from the reading
        uint64 compensatedWh; // consumption offset by credits (current surplus first, then oldest lot)
        uint64 billedWh; // kWh billed at the full tariff (GD I: at least the minimum)
        uint64 createdWh; // new lot: allocation not used this cycle
        uint64 usedFromLotsWh; // taken from older lots
        uint64 expiredWh; // removed because its lot reached expiry
        uint64 balanceWh; // credit balance after the close
        uint64 minimumWh; // 30/50/100 kWh for the connection
        bool minimumApplied; // the bill is the minimum charge
        uint64 fioBMicroBrl; // Fio B charged on compensated energy (GD II only)
        uint64 billMicroBrl; // estimated energy bill
        uint64 noSolarBillMicroBrl; // what the bill would be without the plant
    }

    struct CycleInfo {
        uint32 cycle;
        uint64 generatedWh;
        uint64 issuedWh; // Σ allocated (equals generatedWh)
        uint64 compensatedWh;
        uint64 expiredWh;
        uint64 closeStartBlock;
        uint64 closeEndBlock;
        bool closed;
    }

    /// @notice Everything a member's dashboard needs, in one call.
    struct Dashboard {
        Settings settings;
        address manager;
        address meterReader;
        uint32 memberCount;
        uint32 totalSharePpm;
        uint32 openCycle; // the cycle readings are being posted for
        bool closing; // a batched close is in progress
        CycleInfo lastClosed; // cycle == 0 when none closed yet
        uint32 fioBSharePpmLastCycle;
        bool isMember;
        MemberView member;
        Lot[] lots; // oldest first
        uint64 expiringWithin1Wh; // expiring at the close of the next 1 / 3 / 12 cycles
        uint64 expiringWithin3Wh;
        uint64 expiringWithin12Wh;
        uint64 poolWh; // the community's solidarity pool (donated credits the manager assigns)
    }

    // ───────────────────────────── events ─────────────────────────────
    event SettingsUpdated(Settings settings);
    event FioBStepSet(uint16 year, uint32 sharePpm);
    event ManagerTransferStarted(address indexed manager, address indexed pendingManager);
    event ManagerTransferred(address indexed previousManager, address indexed newManager);
    event MeterReaderSet(address indexed previousReader, address indexed newReader);
    event MemberAdded(
        uint32 indexed memberId,
        address indexed wallet,
        bytes32 ucCommitment,
        Connection connection,
        uint32 sharePpm,
        string label
    );
    event MemberUpdated(uint32 indexed memberId, bytes32 ucCommitment, Connection connection, string label);
    event ShareChanged(uint32 indexed memberId, uint32 oldSharePpm, uint32 newSharePpm, uint32 totalSharePpm);
    event MemberActiveChanged(uint32 indexed memberId, bool active);
    /// @notice A new allocation table filed with the distributor on `filedOn` (YYYYMMDD), document
    ///         `documentHash`, takes effect from `effectiveCycle`; shares in force then sum to `totalSharePpm`.
    event ShareScheduleCreated(
        uint32 indexed scheduleId,
        uint32 indexed effectiveCycle,
        uint32 filedOn,
        bytes32 documentHash,
        uint32 totalSharePpm
    );
    /// @notice One member's line of schedule `scheduleId`: from `effectiveCycle` its share goes from
    ///         `oldSharePpm` (in force when filed) to `newSharePpm`.
    event MemberShareScheduled(
        uint32 indexed memberId,
        uint32 oldSharePpm,
        uint32 newSharePpm,
        uint32 indexed effectiveCycle,
        uint32 indexed scheduleId
    );
    /// @notice The manager withdrew schedule `scheduleId` before it took effect (the distributor refused it).
    event ShareScheduleCancelled(uint32 indexed scheduleId, uint32 indexed effectiveCycle);
    /// @notice Schedule `scheduleId` is in force: the close that opened `effectiveCycle` finished.
    event ShareScheduleApplied(uint32 indexed scheduleId, uint32 indexed effectiveCycle, uint32 totalSharePpm);
    event GenerationPosted(uint32 indexed cycle, uint64 generatedWh);
    event ReadingPosted(uint32 indexed cycle, uint32 indexed memberId, uint64 consumedWh);
    event CycleCloseStarted(uint32 indexed cycle, uint64 generatedWh, uint32 memberCount);
    event MemberSettled(uint32 indexed cycle, uint32 indexed memberId, Settlement settlement);
    event CycleClosed(uint32 indexed cycle, uint64 generatedWh, uint64 compensatedWh, uint64 expiredWh);
    /// @notice `manager` changed member `memberId`'s credits by `deltaWh` to match the distributor's
    ///         bill (a credit goes to the lot of `cycle`, the last closed one; a debit takes the oldest
    ///         lots first), leaving `balanceWh`. `reasonHash`: keccak256 of the reason (the app records
    ///         a code of a fixed list, so every member's history can name it; no personal words).
    event CreditsAdjusted(
        uint32 indexed memberId,
        uint32 indexed cycle,
        int64 deltaWh,
        bytes32 reasonHash,
        uint64 balanceWh,
        address manager
    );
    /// @notice `amountWh` moved from one member to another during open cycle `cycle`, oldest lot first,
    ///         each part keeping its origin month (so its expiry). `messageHash`: hash of an off-chain note.
    event CreditsDonated(
        uint32 indexed fromMemberId,
        uint32 indexed toMemberId,
        uint32 indexed cycle,
        uint64 amountWh,
        bytes32 messageHash
    );
    /// @notice `amountWh` moved from a member to the solidarity pool during open cycle `cycle`.
    event PoolDonated(uint32 indexed fromMemberId, uint32 indexed cycle, uint64 amountWh, bytes32 messageHash);
    /// @notice The manager assigned `amountWh` from the pool to a member during open cycle `cycle`.
    event PoolAssigned(uint32 indexed toMemberId, uint32 indexed cycle, uint64 amountWh, bytes32 reasonHash);
    /// @notice The pool's lot that reached expiry at the close of `cycle` (counted in its expiredWh).
    event PoolExpired(uint32 indexed cycle, uint64 amountWh);
    /// @notice Lots in a market escrow account (`ESCROW_BASE + memberId`, one per selling member) that reached expiry, dropped
    ///         when the escrow was next touched during open cycle `cycle` (counted as expired credits).
    event EscrowExpired(uint256 indexed account, uint32 indexed cycle, uint64 amountWh);
    /// @notice The manager issued (or replaced) member `memberId`'s invitation: `key` is the address
    ///         of the one-time key its link carries; `key == address(0)`: the invitation was revoked.
    event InvitationSet(uint32 indexed memberId, address key, uint64 expiresAt);
    /// @notice Member `memberId`'s wallet is now `newWallet` (`oldWallet` 0: its first wallet). The
    ///         old wallet lost every right; everything the member has follows the id.
    event MemberWalletChanged(uint32 indexed memberId, address indexed oldWallet, address indexed newWallet);

    // ───────────────────────────── errors ─────────────────────────────
    error NotManager(address caller);
    error NotManagerOrMeterReader(address caller);
    error NotPendingManager(address caller);
    error TextTooLong(uint256 length, uint256 maxLength);
    /// @notice A setting out of range: `field` 0 = plantCapacityW (1 W to 5 MW), 1 = fullTariffMicroBrlPerKwh
    ///         (> 0), 2 = fioBMicroBrlPerKwh (> 0, ≤ the full tariff), 3 = a Fio B step's year (2000–2200).
    error InvalidSetting(uint8 field, uint256 value);
    error InvalidCycle(uint32 cycle);
    error UnknownMember(uint32 memberId);
    error MemberAlreadyExists(address wallet, uint32 memberId);
    error ShareTooLarge(uint32 sharePpm);
    error SharesDoNotSum(uint32 totalSharePpm);
    error LengthMismatch(uint256 a, uint256 b);
    error WrongCycle(uint32 given, uint32 expected);
    error CycleAlreadyClosed(uint32 cycle);
    error GenerationMissing(uint32 cycle);
    error ReadingMissing(uint32 cycle, uint32 memberId);
    error NothingClosedYet();
    error AdjustmentExceedsBalance(uint32 memberId, uint64 balanceWh, uint64 removeWh);
    error BatchTooLarge(uint256 size, uint256 maxSize);
    /// @notice A cycle's generation must fit one uint32 lot lane (< 4.29 GWh; a legal plant, ≤ 5 MW,
    ///         makes < 3.72 GWh in a 31-day month).
    error GenerationTooLarge(uint64 generatedWh, uint64 maxWh);
    /// @notice A lot would exceed the uint32 lane (only reachable through large positive adjustments).
    error LotTooLarge(uint32 originCycle, uint256 lotWh, uint256 maxWh);
    error PoolInsufficient(uint64 poolWh, uint64 amountWh);
    error SelfTransfer(uint32 memberId);
    /// @notice Only the attached market may move escrowed credits; only the registry attaches it.
    error NotMarket(address caller);
    /// @notice A community's market is attached once.
    error MarketAlreadyAttached(address market);
    /// @notice After the first close shares change only through `scheduleShares` (from a later cycle):
    ///         `setShares`, and `addMember` with a non-zero share, are for the table before the first bill.
    error SharesFixedUseSchedule();
    /// @notice A member with a share in force or pending cannot be deactivated: schedule its share to 0 first.
    error MemberHasShare(uint32 memberId, uint32 sharePpm);
    /// @notice A share schedule takes effect from a cycle after the open one.
    error EffectiveCycleNotAfterOpen(uint32 effectiveCycle, uint32 openCycle);
    /// @notice A share schedule takes effect at most 12 cycles after the open one (`latestCycle`).
    error EffectiveCycleTooFar(uint32 effectiveCycle, uint32 latestCycle);
    /// @notice The filing date must be a YYYYMMDD (month 1..12, day 1..31, year 2000..2200).
    error InvalidFilingDate(uint32 filedOn);
    /// @notice A share schedule needs the keccak256 of the document filed with the distributor.
    error DocumentHashMissing();
    /// @notice That document was already filed by an earlier share schedule.
    error DocumentAlreadyFiled(bytes32 documentHash);
    /// @notice Only one share schedule may wait for its effective cycle at a time (cancel it first).
    error ShareSchedulePending(uint32 scheduleId, uint32 effectiveCycle);
    /// @notice There is no pending share schedule to cancel.
    error NoShareSchedulePending();
    /// @notice A member listed twice in one share schedule.
    error DuplicateMember(uint32 memberId);
    /// @notice No invitation waits for this member (never issued, revoked, or replaced by a new one
    ///         whose key did not sign).
    error NoInvitation(uint32 memberId);
    /// @notice This invitation was already claimed.
    error InvitationUsed(uint32 memberId);
    /// @notice This invitation expired at `expiresAt` (unix seconds).
    error InvitationExpired(uint32 memberId, uint64 expiresAt);
    /// @notice The signature is not the invitation key's over (chain, community, member, caller):
    ///         forged, copied by another wallet, or made for another community or chain.
    error BadInvitationSignature(uint32 memberId);

    // ───────────────────────────── functions ─────────────────────────────
    /// @notice Called once by the registry right after cloning.
    function initialize(
        address registry,
        address manager,
        Settings calldata settings,
        FioBStep[] calldata fioBSchedule,
        uint32 firstCycle
    ) external;

    function updateSettings(Settings calldata settings) external;
    function setFioBStep(uint16 year, uint32 sharePpm) external;
    function transferManager(address newManager) external;
    function acceptManager() external;
    function setMeterReader(address reader) external;

    function addMember(
        address wallet,
        bytes32 ucCommitment,
        Connection connection,
        uint32 sharePpm,
        string calldata label
    ) external returns (uint32 memberId);
    function updateMember(uint32 memberId, bytes32 ucCommitment, Connection connection, string calldata label) external;
    /// @notice Manager only: issues member `memberId`'s one-time invitation (replacing any earlier
    ///         one): `key` is the address of a fresh key the invitation link carries, valid until
    ///         `expiresAt` (unix seconds, in the future). `key == address(0)` revokes it.
    function invite(uint32 memberId, address key, uint64 expiresAt) external;
    /// @notice Claims member `memberId`'s invitation for the calling wallet: `signature` is the
    ///         invitation key's EIP-712 signature of `Claim(uint32 memberId,address wallet)` under the
    ///         domain ("Compartilha", "1", chain id, this community). The caller becomes the member's
    ///         wallet; a previous wallet loses every right at once (credits, open orders, escrow and
    ///         proceeds follow the member id). The caller must not be a member already.
    function claim(uint32 memberId, bytes calldata signature) external;
    /// @notice The calling member's wallet accepts its membership: the registry lists the community
    ///         for it (a wallet the manager entered directly is listed only then).
    function acceptMembership() external;
    function setShares(uint32[] calldata memberIds, uint32[] calldata sharesPpm) external;
    function setActive(uint32 memberId, bool active) external;
    function scheduleShares(
        uint32[] calldata memberIds,
        uint32[] calldata sharesPpm,
        uint32 effectiveCycle,
        uint32 filedOn,
        bytes32 documentHash
    ) external;
    function cancelShareSchedule() external;

    function postGeneration(uint32 cycle, uint64 generatedWh) external;
    function postReadings(uint32 cycle, uint32[] calldata memberIds, uint64[] calldata consumedWh) external;
    function closeCycle(uint32 cycle, uint32 maxMembers) external returns (bool done);
    /// @notice Manager only: corrects a member's credits to match the distributor's bill (the bill
    ///         wins), at once: the credits can be used, donated or sold right away. Every member sees
    ///         it in that member's history (`CreditsAdjusted`: delta, reason, manager).
    function adjustCredits(uint32 memberId, int64 deltaWh, bytes32 reasonHash) external;

    /// @notice Gives `amountWh` of the caller's credits to another active member, oldest lot first;
    ///         each part keeps its origin month, so its expiry. The caller must be an active member;
    ///         not while a close is in progress.
    function donate(uint32 toMemberId, uint64 amountWh, bytes32 messageHash) external;
    /// @notice Gives `amountWh` of the caller's credits to the community's solidarity pool (same rules).
    function donateToPool(uint64 amountWh, bytes32 messageHash) external;
    /// @notice Manager only: assigns `amountWh` from the pool to an active member, oldest lot first.
    function assignFromPool(uint32 toMemberId, uint64 amountWh, bytes32 reasonHash) external;

    /// @notice Registry only, once: the community's market (see ICommunityMarket).
    function attachMarket(address market) external;
    /// @notice Market only: moves up to `amountWh` (as much as `fromAccount` holds) between credit
    ///         accounts, oldest lot first, origins kept; not while closing. Escrow accounts (≥ 2^33)
    ///         drop their expired lots first (`expiredWh`). `soonestExpiryCycle`: expiry (YYYYMM) of the
    ///         escrow account's oldest lot after the move (≤ the exact one; 0 = empty or no escrow).
    ///         A trade (credits from a member to another member, or from a seller's escrow to another
    ///         member) whose maker (the receiving member, or the escrow's owner) is inactive moves
    ///         nothing and returns `makerInactive` (the market then treats that maker's order as
    ///         expired); returning escrow to its owner or escrowing one's own credits always moves.
    function moveCreditsForMarket(uint256 fromAccount, uint256 toAccount, uint64 amountWh)
        external
        returns (uint64 movedWh, uint64 expiredWh, uint32 soonestExpiryCycle, bool makerInactive);
    function market() external view returns (address);
    /// @notice What the market checks before a priced order, in one call: member id + 1 (0 = not a
    ///         member), active flag, open cycle, closing flag, payment token, trading policy and the
    ///         minimum order size (Wh).
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
        );

    function manager() external view returns (address);
    function pendingManager() external view returns (address);
    function meterReader() external view returns (address);
    function memberIdOf(address wallet) external view returns (bool found, uint32 memberId);
}
