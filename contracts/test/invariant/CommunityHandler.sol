// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {Community} from "../../src/Community.sol";
import {CycleLib} from "../../src/libraries/CycleLib.sol";
import {SettlementLib} from "../../src/libraries/SettlementLib.sol";

/// @dev Makes only valid, bounded calls and tracks credit flows in ghost variables.
contract CommunityHandler is Test {
    Community public community;
    address public mgr;
    uint32 public constant MAX_MEMBERS = 8;

    int256 public ghostIssued;
    int256 public ghostCompensated;
    int256 public ghostExpired;
    int256 public ghostAdjusted;
    uint256 public ghostDonations; // successful donate / donateToPool / assignFromPool calls
    bool public ghostSharesBroken;
    bool public ghostAccessBroken;
    bool public ghostExpiredMismatch;
    bool public ghostAllocationWrong; // a close allocated with other shares than those in force
    uint256 public ghostSchedules; // share schedules filed
    uint256 public ghostSchedulesApplied;
    uint256 public ghostSchedulesCancelled;
    uint32[] public closedCycles;
    mapping(uint32 => bytes32) public closedHash;

    constructor(Community c, address manager_) {
        community = c;
        mgr = manager_;
    }

    function closedCount() external view returns (uint256) {
        return closedCycles.length;
    }

    /// @dev Joins with share 0; before the first close the table is then set at once (`setShares`),
    ///      after it the member waits for a share schedule.
    function addMember(uint8 conn) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n >= MAX_MEMBERS) return;
        vm.prank(mgr);
        community.addMember(address(uint160(0xA000 + n)), 0, ICommunity.Connection(conn % 3), 0, "m");
        if (closedCycles.length == 0) _rebalance(n + 1);
    }

    /// @dev Toggles a member. Before the first close deactivating zeroes its share and the table is
    ///      set again; after it only a member with no share in force or pending is deactivated.
    function deactivate(uint32 id) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n < 2) return;
        id = id % n;
        ICommunity.MemberView memory m = ICommunityViews(address(community)).member(id);
        bool fixedShares = closedCycles.length != 0;
        if (fixedShares && m.active && (m.sharePpm != 0 || m.pendingSharePpm != 0)) return;
        vm.prank(mgr);
        community.setActive(id, !m.active);
        if (!fixedShares) _rebalance(n);
    }

    /// @dev Files a valid table (after the first close, none pending): every active member gets a
    ///      share (skewed by the seed, summing to 1,000,000) from 1..12 cycles after the open one.
    function scheduleShares(uint256 seed, uint8 ahead) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n == 0 || closedCycles.length == 0) return;
        if (ICommunityViews(address(community)).shareSchedule().pending) return;
        (uint32[] memory ids, uint32 active) = _activeIds(n);
        if (active == 0) return;
        uint32[] memory shares = new uint32[](active);
        uint32 left = 1_000_000;
        for (uint32 k; k < active; ++k) {
            shares[k] = k + 1 == active ? left : uint32(uint256(keccak256(abi.encode(seed, k))) % (left + 1));
            left -= shares[k];
        }
        uint32 open = ICommunityViews(address(community)).openCycle();
        uint32 effective = CycleLib.addMonths(open, uint32(bound(ahead, 1, 12)));
        uint32 filedOn = open * 100 + uint32(bound(seed, 1, 28));
        ++ghostSchedules;
        vm.prank(mgr);
        community.scheduleShares(ids, shares, effective, filedOn, keccak256(abi.encode("doc", ghostSchedules)));
    }

    /// @dev Withdraws the pending schedule, if any.
    function cancelShareSchedule() external {
        if (!ICommunityViews(address(community)).shareSchedule().pending) return;
        vm.prank(mgr);
        community.cancelShareSchedule();
        ++ghostSchedulesCancelled;
    }

    function _activeIds(uint32 n) internal view returns (uint32[] memory ids, uint32 active) {
        ids = new uint32[](n);
        for (uint32 i; i < n; ++i) {
            if (ICommunityViews(address(community)).member(i).active) ids[active++] = i;
        }
        assembly ("memory-safe") {
            mstore(ids, active)
        }
    }

    /// @dev Spreads 1,000,000 ppm over the active members (skewed by the seed).
    function _rebalance(uint32 n) internal {
        uint32 active;
        for (uint32 i; i < n; ++i) {
            if (ICommunityViews(address(community)).member(i).active) ++active;
        }
        if (active == 0) return;
        uint32[] memory ids = new uint32[](active);
        uint32[] memory shares = new uint32[](active);
        uint32 k;
        uint32 left = 1_000_000;
        for (uint32 i; i < n; ++i) {
            if (!ICommunityViews(address(community)).member(i).active) continue;
            ids[k] = i;
            shares[k] = k + 1 == active ? left : left / 2;
            left -= shares[k];
            ++k;
        }
        vm.prank(mgr);
        community.setShares(ids, shares);
    }

    function postAndClose(uint64 gen, uint256 seed, uint32 batch) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n == 0 || ICommunityViews(address(community)).totalSharePpm() != 1_000_000) return;
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        uint64 generated = uint64(bound(gen, 0, 5_000_000));
        vm.startPrank(mgr);
        community.postGeneration(cycle, generated);
        for (uint32 i; i < n; ++i) {
            if (!ICommunityViews(address(community)).member(i).active) continue;
            uint32[] memory id = new uint32[](1);
            uint64[] memory c = new uint64[](1);
            id[0] = i;
            c[0] = uint64(uint256(keccak256(abi.encode(seed, i))) % 1_500_000);
            community.postReadings(cycle, id, c);
        }
        vm.stopPrank();
        uint32[] memory inForce = _sharesInForce(n);
        vm.recordLogs();
        bool done;
        batch = uint32(bound(batch, 1, n));
        vm.startPrank(mgr);
        while (!done) {
            done = community.closeCycle(cycle, batch);
        }
        vm.stopPrank();
        _account(vm.getRecordedLogs(), cycle, generated, inForce);
        closedCycles.push(cycle);
        closedHash[cycle] = keccak256(abi.encode(ICommunityViews(address(community)).cycleInfo(cycle)));
    }

    /// @dev The members' shares in force for the open cycle (the views'); they must sum to the
    ///      ledger's total, 1,000,000, when a close starts.
    function _sharesInForce(uint32 n) internal returns (uint32[] memory inForce) {
        inForce = new uint32[](n);
        uint256 sum;
        for (uint32 i; i < n; ++i) {
            inForce[i] = ICommunityViews(address(community)).member(i).sharePpm;
            sum += inForce[i];
        }
        if (ICommunityViews(address(community)).totalSharePpm() != 1_000_000 || sum != 1_000_000) {
            ghostSharesBroken = true;
        }
    }

    /// @dev Ghost flows of a close's logs; each member's allocation must be its slice of the
    ///      generation by the shares in force for the cycle (`inForce`, read before the close).
    function _account(Vm.Log[] memory logs, uint32 cycle, uint64 generated, uint32[] memory inForce) internal {
        int256 expiredSum;
        uint32 cum;
        uint256 settled;
        for (uint256 i; i < logs.length; ++i) {
            bytes32 topic = logs[i].topics[0];
            if (topic == ICommunity.PoolExpired.selector) {
                expiredSum += int256(uint256(abi.decode(logs[i].data, (uint64))));
            }
            if (topic == ICommunity.ShareScheduleApplied.selector) ++ghostSchedulesApplied;
            if (topic != ICommunity.MemberSettled.selector) continue;
            ICommunity.Settlement memory s = abi.decode(logs[i].data, (ICommunity.Settlement));
            uint32 share = inForce[settled++];
            if (s.allocatedWh != SettlementLib.allocation(generated, cum, cum + share)) ghostAllocationWrong = true;
            cum += share;
            ghostIssued += int256(uint256(s.allocatedWh));
            ghostCompensated += int256(uint256(s.compensatedWh));
            expiredSum += int256(uint256(s.expiredWh));
        }
        if (settled != inForce.length) ghostAllocationWrong = true;
        ghostExpired += expiredSum;
        // the cycle's expiredWh counts members' and the pool's expired lots
        if (int256(uint256(ICommunityViews(address(community)).cycleInfo(cycle).expiredWh)) != expiredSum) {
            ghostExpiredMismatch = true;
        }
    }

    function adjust(uint32 id, int64 delta) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n == 0 || closedCycles.length == 0) return;
        id = id % n;
        int256 bal = int256(uint256(ICommunityViews(address(community)).member(id).balanceWh));
        delta = int64(bound(delta, -bal, 1_000_000));
        if (delta == 0) return;
        vm.prank(mgr);
        community.adjustCredits(id, delta, "fix");
        ghostAdjusted += delta;
    }

    /// @dev A random active member gives a random part of its balance to another active member.
    function donate(uint32 fromSeed, uint32 toSeed, uint64 amount) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n < 2) return;
        uint32 from = fromSeed % n;
        uint32 to = toSeed % n;
        if (from == to) to = (to + 1) % n;
        ICommunity.MemberView memory f = ICommunityViews(address(community)).member(from);
        if (!f.active || !ICommunityViews(address(community)).member(to).active || f.balanceWh == 0) return;
        amount = uint64(bound(amount, 1, f.balanceWh));
        vm.prank(f.wallet);
        community.donate(to, amount, "inv");
        ++ghostDonations;
    }

    function donateToPool(uint32 fromSeed, uint64 amount) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        if (n == 0) return;
        ICommunity.MemberView memory f = ICommunityViews(address(community)).member(fromSeed % n);
        if (!f.active || f.balanceWh == 0) return;
        amount = uint64(bound(amount, 1, f.balanceWh));
        vm.prank(f.wallet);
        community.donateToPool(amount, "inv");
        ++ghostDonations;
    }

    function assignFromPool(uint32 toSeed, uint64 amount) external {
        uint32 n = ICommunityViews(address(community)).memberCount();
        uint64 pool = ICommunityViews(address(community)).poolBalance();
        if (n == 0 || pool == 0) return;
        uint32 to = toSeed % n;
        if (!ICommunityViews(address(community)).member(to).active) return;
        amount = uint64(bound(amount, 1, pool));
        vm.prank(mgr);
        community.assignFromPool(to, amount, "inv");
        ++ghostDonations;
    }

    /// @dev Non-members and inactive members never donate; strangers never assign from the pool.
    function strangerDonates(address who, uint8 which) external {
        (bool isMember, uint32 id) = community.memberIdOf(who);
        if (who == mgr || (isMember && ICommunityViews(address(community)).member(id).active)) return;
        vm.startPrank(who);
        bool ok;
        if (which % 3 == 0) {
            (ok,) = address(community).call(abi.encodeCall(ICommunity.donate, (0, 1, bytes32(0))));
        } else if (which % 3 == 1) {
            (ok,) = address(community).call(abi.encodeCall(ICommunity.donateToPool, (1, bytes32(0))));
        } else {
            (ok,) = address(community).call(abi.encodeCall(ICommunity.assignFromPool, (0, 1, bytes32(0))));
        }
        vm.stopPrank();
        if (ok) ghostAccessBroken = true;
    }

    function strangerCalls(address who, uint8 which) external {
        if (who == mgr || who == community.meterReader()) return;
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        vm.startPrank(who);
        bool ok;
        if (which % 4 == 0) (ok,) = address(community).call(abi.encodeCall(ICommunity.postGeneration, (cycle, 1)));
        else if (which % 4 == 1) (ok,) = address(community).call(abi.encodeCall(ICommunity.closeCycle, (cycle, 0)));
        else if (which % 4 == 2) (ok,) = address(community).call(abi.encodeCall(ICommunity.setActive, (0, false)));
        else (ok,) = address(community).call(abi.encodeCall(ICommunity.adjustCredits, (0, 1, bytes32(0))));
        vm.stopPrank();
        if (ok) ghostAccessBroken = true;
    }
}
