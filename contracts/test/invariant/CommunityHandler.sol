// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {Community} from "../../src/Community.sol";

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
    uint32[] public closedCycles;
    mapping(uint32 => bytes32) public closedHash;

    constructor(Community c, address manager_) {
        community = c;
        mgr = manager_;
    }

    function closedCount() external view returns (uint256) {
        return closedCycles.length;
    }

    function addMember(uint8 conn) external {
        uint32 n = community.memberCount();
        if (n >= MAX_MEMBERS) return;
        vm.prank(mgr);
        community.addMember(address(uint160(0xA000 + n)), 0, ICommunity.Connection(conn % 3), 0, "m");
        _rebalance(n + 1);
    }

    function deactivate(uint32 id) external {
        uint32 n = community.memberCount();
        if (n < 2) return;
        id = id % n;
        bool active = ICommunityViews(address(community)).member(id).active;
        vm.prank(mgr);
        community.setActive(id, !active);
        _rebalance(n);
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
        uint32 n = community.memberCount();
        if (n == 0 || community.totalSharePpm() != 1_000_000) return;
        uint32 cycle = community.openCycle();
        vm.startPrank(mgr);
        community.postGeneration(cycle, uint64(bound(gen, 0, 5_000_000)));
        for (uint32 i; i < n; ++i) {
            if (!ICommunityViews(address(community)).member(i).active) continue;
            uint32[] memory id = new uint32[](1);
            uint64[] memory c = new uint64[](1);
            id[0] = i;
            c[0] = uint64(uint256(keccak256(abi.encode(seed, i))) % 1_500_000);
            community.postReadings(cycle, id, c);
        }
        if (community.totalSharePpm() != 1_000_000) ghostSharesBroken = true;
        vm.recordLogs();
        bool done;
        batch = uint32(bound(batch, 1, n));
        while (!done) {
            done = community.closeCycle(cycle, batch);
        }
        vm.stopPrank();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        int256 expiredSum;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ICommunity.PoolExpired.selector) {
                expiredSum += int256(uint256(abi.decode(logs[i].data, (uint64))));
            }
            if (logs[i].topics[0] != ICommunity.MemberSettled.selector) continue;
            ICommunity.Settlement memory s = abi.decode(logs[i].data, (ICommunity.Settlement));
            ghostIssued += int256(uint256(s.allocatedWh));
            ghostCompensated += int256(uint256(s.compensatedWh));
            expiredSum += int256(uint256(s.expiredWh));
        }
        ghostExpired += expiredSum;
        // the cycle's expiredWh counts members' and the pool's expired lots
        if (int256(uint256(community.cycleInfo(cycle).expiredWh)) != expiredSum) ghostExpiredMismatch = true;
        closedCycles.push(cycle);
        closedHash[cycle] = keccak256(abi.encode(community.cycleInfo(cycle)));
    }

    function adjust(uint32 id, int64 delta) external {
        uint32 n = community.memberCount();
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
        uint32 n = community.memberCount();
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
        uint32 n = community.memberCount();
        if (n == 0) return;
        ICommunity.MemberView memory f = ICommunityViews(address(community)).member(fromSeed % n);
        if (!f.active || f.balanceWh == 0) return;
        amount = uint64(bound(amount, 1, f.balanceWh));
        vm.prank(f.wallet);
        community.donateToPool(amount, "inv");
        ++ghostDonations;
    }

    function assignFromPool(uint32 toSeed, uint64 amount) external {
        uint32 n = community.memberCount();
        uint64 pool = community.poolBalance();
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
        uint32 cycle = community.openCycle();
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
