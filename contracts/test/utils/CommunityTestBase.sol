// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Deploy} from "./Deploy.sol";
import {ICommunityViews} from "../../src/interfaces/ICommunityViews.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ICommunity} from "../../src/interfaces/ICommunity.sol";
import {Community} from "../../src/Community.sol";
import {CommunityRegistry} from "../../src/CommunityRegistry.sol";

/// @dev Shared fixtures: a registry, a community created by `mgr`, helpers to post and close.
abstract contract CommunityTestBase is Test {
    CommunityRegistry internal registry;
    Community internal community;
    address internal mgr = makeAddr("manager");
    address internal reader = makeAddr("reader");
    address internal stranger = makeAddr("stranger");

    uint32 internal constant FIRST = 202512;

    function _settings(ICommunity.Regime regime) internal pure returns (ICommunity.Settings memory) {
        return ICommunity.Settings({
            name: "Condominio Sol",
            distributor: "Enel SP",
            plantCapacityW: 30_000,
            regime: regime,
            fullTariffMicroBrlPerKwh: 800_000,
            fioBMicroBrlPerKwh: 280_000,
            paymentToken: address(0),
            tradingPolicy: ICommunity.TradingPolicy.DonationsOnly,
            gd2BelowMinimum: ICommunity.BelowMinimum.DownToMinimum,
            minOrderWh: 0
        });
    }

    function _schedule() internal pure returns (ICommunity.FioBStep[] memory s) {
        s = new ICommunity.FioBStep[](6);
        for (uint256 i; i < 6; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            s[i] = ICommunity.FioBStep({year: uint16(2023 + i), sharePpm: uint32(150_000 * (i + 1))});
        }
    }

    function _deploy(ICommunity.Regime regime, uint32 firstCycle) internal {
        registry = Deploy.registry();
        vm.prank(mgr);
        community = Community(registry.createCommunity(_settings(regime), _schedule(), firstCycle));
    }

    function _wallet(uint256 i) internal pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast) -- test wallet index is small
        return address(uint160(0x10000 + i));
    }

    function _add(uint256 i, ICommunity.Connection c, uint32 share) internal returns (uint32 id) {
        vm.prank(mgr);
        id = community.addMember(_wallet(i), keccak256(abi.encode(i)), c, share, "Apto");
    }

    function _ids(uint256 n) internal pure returns (uint32[] memory ids) {
        ids = new uint32[](n);
        for (uint256 i; i < n; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            ids[i] = uint32(i);
        }
    }

    function _post(uint32 cycle, uint64 gen, uint64[] memory cons) internal {
        vm.startPrank(mgr);
        community.postGeneration(cycle, gen);
        community.postReadings(cycle, _ids(cons.length), cons);
        vm.stopPrank();
    }

    function _close(uint32 cycle) internal {
        vm.prank(mgr);
        assertTrue(community.closeCycle(cycle, 0));
    }

    /// @dev MemberSettled payloads from recorded logs, by member id order of emission.
    function _settlements(Vm.Log[] memory logs) internal pure returns (ICommunity.Settlement[] memory out) {
        bytes32 sig = ICommunity.MemberSettled.selector;
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == sig) ++n;
        }
        out = new ICommunity.Settlement[](n);
        n = 0;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == sig) out[n++] = abi.decode(logs[i].data, (ICommunity.Settlement));
        }
    }

    function _sumLots(uint32 id) internal view returns (uint256 sum) {
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(id);
        for (uint256 i; i < lots.length; ++i) {
            sum += lots[i].amountWh;
        }
    }
}
