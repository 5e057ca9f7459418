// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "../src/interfaces/ICommonErrors.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityRegistry} from "../src/interfaces/ICommunityRegistry.sol";
import {Community} from "../src/Community.sol";
import {CommunityRegistry} from "../src/CommunityRegistry.sol";
import {CommunityMarket} from "../src/CommunityMarket.sol";
import {CommunityViews} from "../src/CommunityViews.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";
import {Vm} from "forge-std/Vm.sol";

contract CommunityTest is CommunityTestBase {
    ICommunity.Connection internal constant THREE = ICommunity.Connection.ThreePhase;

    function setUp() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
    }

    function _twoMembers() internal {
        _add(0, THREE, 600_000);
        _add(1, ICommunity.Connection.SinglePhase, 400_000);
    }

    function _cons(uint64 a, uint64 b) internal pure returns (uint64[] memory c) {
        c = new uint64[](2);
        (c[0], c[1]) = (a, b);
    }

    function _communitiesOf(address wallet) internal view returns (address[] memory list) {
        (list,) = registry.communitiesOf(wallet, 0, 100);
    }

    function _one(uint32 v) internal pure returns (uint32[] memory a) {
        a = new uint32[](1);
        a[0] = v;
    }

    function _one64(uint64 v) internal pure returns (uint64[] memory a) {
        a = new uint64[](1);
        a[0] = v;
    }

    // ───────────── registry and initialisation ─────────────

    function test_registry_createCommunity() public view {
        assertEq(registry.communityCount(), 1);
        assertTrue(registry.isCommunity(address(community)));
        assertFalse(registry.isCommunity(stranger));
        assertEq(registry.communities(0, 10)[0], address(community));
        assertEq(registry.communities(1, 10).length, 0);
        assertEq(_communitiesOf(mgr)[0], address(community));
        assertEq(community.manager(), mgr);
        assertEq(ICommunityViews(address(community)).registry(), address(registry));
        assertEq(ICommunityViews(address(community)).openCycle(), FIRST);
        assertEq(ICommunityViews(address(community)).settings().name, "Condominio Sol");
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2026), 600_000);
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2022), 0);
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2040), 900_000);
    }

    function test_registry_takesImplementations() public {
        Community impl = new Community(address(new CommunityViews()));
        CommunityMarket marketImpl = new CommunityMarket();
        CommunityRegistry r = new CommunityRegistry(address(impl), address(marketImpl));
        assertEq(r.implementation(), address(impl));
        assertEq(r.marketImplementation(), address(marketImpl));
    }

    function test_registry_refusesImplementationWithoutCode() public {
        address marketImpl = address(new CommunityMarket());
        vm.expectRevert(abi.encodeWithSelector(ICommunityRegistry.NotAContract.selector, stranger));
        new CommunityRegistry(stranger, marketImpl);
    }

    function test_registry_refusesMarketImplementationWithoutCode() public {
        address impl = address(new Community(address(new CommunityViews())));
        vm.expectRevert(abi.encodeWithSelector(ICommunityRegistry.NotAContract.selector, stranger));
        new CommunityRegistry(impl, stranger);
    }

    function test_community_refusesZeroViews() public {
        vm.expectRevert(ICommonErrors.ZeroAddress.selector);
        new Community(address(0));
    }

    function test_views_cannotWrite() public {
        // The fallback replays a view as a static call: a views contract that writes cannot run.
        Community impl = new Community(address(new WritingViews()));
        vm.expectRevert();
        WritingViews(address(impl)).poke();
    }

    function test_views_unknownSelectorReverts() public {
        vm.expectRevert();
        WritingViews(address(community)).poke();
    }

    function test_registry_recordMembership_onlyCommunity() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunityRegistry.NotACommunity.selector, stranger));
        vm.prank(stranger);
        registry.recordMembership(stranger);
    }

    function test_registry_noDuplicates() public {
        _add(0, THREE, 0);
        vm.prank(mgr);
        community.transferManager(_wallet(0));
        vm.prank(_wallet(0));
        community.acceptManager();
        assertEq(_communitiesOf(_wallet(0)).length, 1);
    }

    function test_initialize_revertsTwice() public {
        vm.expectRevert(ICommonErrors.AlreadyInitialized.selector);
        community.initialize(address(registry), mgr, _settings(ICommunity.Regime.GD_I), _schedule(), FIRST);
    }

    function test_implementation_isLocked() public {
        Community impl = Community(registry.implementation());
        vm.expectRevert(ICommonErrors.AlreadyInitialized.selector);
        impl.initialize(address(registry), mgr, _settings(ICommunity.Regime.GD_I), _schedule(), FIRST);
    }

    function test_create_revertsOnBadCycle() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(202513)));
        registry.createCommunity(_settings(ICommunity.Regime.GD_I), _schedule(), 202513);
        assertEq(registry.communityCount(), 1, "nothing half-applied");
    }

    function test_create_revertsOnZeroPlant() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.plantCapacityW = 0;
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(0), uint256(0)));
        registry.createCommunity(s, _schedule(), FIRST);
        assertEq(registry.communityCount(), 1, "nothing half-applied");
    }

    function test_create_revertsOnPlantOver5MW() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.plantCapacityW = 5_000_001;
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(0), uint256(5_000_001)));
        registry.createCommunity(s, _schedule(), FIRST);
    }

    function test_create_acceptsPlantOf5MW() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.plantCapacityW = 5_000_000;
        registry.createCommunity(s, _schedule(), FIRST);
        assertEq(registry.communityCount(), 2);
    }

    // ───────────── settings and roles ─────────────

    function test_updateSettings() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.name = "Novo";
        vm.expectEmit(address(community));
        emit ICommunity.SettingsUpdated(s);
        vm.prank(mgr);
        community.updateSettings(s);
        assertEq(ICommunityViews(address(community)).settings().name, "Novo");
        assertEq(uint8(ICommunityViews(address(community)).settings().regime), uint8(ICommunity.Regime.GD_I));
    }

    function test_updateSettings_revertsForNonManager() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.updateSettings(s);
    }

    function test_updateSettings_revertsOnLongName() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.name = string(new bytes(65));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.TextTooLong.selector, 65, 64));
        vm.prank(mgr);
        community.updateSettings(s);
    }

    function test_updateSettings_revertsOnLongDistributor() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.distributor = string(new bytes(70));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.TextTooLong.selector, 70, 64));
        vm.prank(mgr);
        community.updateSettings(s);
    }

    function test_updateSettings_revertsOnZeroTariff() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.fullTariffMicroBrlPerKwh = 0;
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(1), uint256(0)));
        vm.prank(mgr);
        community.updateSettings(s);
        assertEq(ICommunityViews(address(community)).settings().name, "Condominio Sol", "unchanged");
    }

    function test_updateSettings_revertsOnZeroFioB() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.fioBMicroBrlPerKwh = 0;
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(2), uint256(0)));
        vm.prank(mgr);
        community.updateSettings(s);
    }

    function test_updateSettings_revertsOnFioBAboveFullTariff() public {
        ICommunity.Settings memory s = _settings(ICommunity.Regime.GD_I);
        s.fioBMicroBrlPerKwh = s.fullTariffMicroBrlPerKwh + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(2), uint256(s.fioBMicroBrlPerKwh))
        );
        vm.prank(mgr);
        community.updateSettings(s);
    }

    function test_setFioBStep() public {
        vm.expectEmit(address(community));
        emit ICommunity.FioBStepSet(2029, 1_000_000);
        vm.prank(mgr);
        community.setFioBStep(2029, 1_000_000);
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2030), 1_000_000);
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2028), 900_000);
        vm.prank(mgr);
        community.setFioBStep(2020, 10); // inserted before the others
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2021), 10);
        vm.prank(mgr);
        community.setFioBStep(2029, 950_000); // overwrite
        assertEq(ICommunityViews(address(community)).fioBSharePpm(2029), 950_000);
    }

    function test_setFioBStep_revertsForNonManager() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.setFioBStep(2029, 1);
    }

    function test_setFioBStep_revertsAbove100Percent() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ShareTooLarge.selector, uint32(1_000_001)));
        vm.prank(mgr);
        community.setFioBStep(2029, 1_000_001);
    }

    function test_setFioBStep_revertsOnYearOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidSetting.selector, uint8(3), uint256(1999)));
        vm.prank(mgr);
        community.setFioBStep(1999, 1);
    }

    function test_managerHandover_NotPendingManager() public {
        address next = makeAddr("next");
        vm.expectEmit(address(community));
        emit ICommunity.ManagerTransferStarted(mgr, next);
        vm.prank(mgr);
        community.transferManager(next);
        assertEq(community.pendingManager(), next);

        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotPendingManager.selector, stranger));
        vm.prank(stranger);
        community.acceptManager();
    }

    function test_managerHandover_NotManager() public {
        address next = makeAddr("next");
        vm.expectEmit(address(community));
        emit ICommunity.ManagerTransferStarted(mgr, next);
        vm.prank(mgr);
        community.transferManager(next);
        assertEq(community.pendingManager(), next);

        vm.expectEmit(address(community));
        emit ICommunity.ManagerTransferred(mgr, next);
        vm.prank(next);
        community.acceptManager();
        assertEq(community.manager(), next);
        assertEq(community.pendingManager(), address(0));
        assertEq(_communitiesOf(next)[0], address(community));

        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, mgr));
        vm.prank(mgr);
        community.transferManager(mgr);
    }

    /// A meter reader appointed by the previous manager does not survive a handover: the completed
    /// handover removes it (with an event), and its next reading reverts until the new manager
    /// appoints a reader explicitly.
    function test_managerHandover_removesMeterReader() public {
        address next = makeAddr("next");
        _add(0, THREE, 1_000_000);
        vm.prank(mgr);
        community.setMeterReader(reader);
        vm.prank(mgr);
        community.transferManager(next);
        // a handover only started changes nothing: the reader still posts
        vm.prank(reader);
        community.postReadings(FIRST, _one(0), _one64(1));

        vm.expectEmit(address(community));
        emit ICommunity.ManagerTransferred(mgr, next);
        vm.expectEmit(address(community));
        emit ICommunity.MeterReaderSet(reader, address(0));
        vm.prank(next);
        community.acceptManager();
        assertEq(community.meterReader(), address(0), "reader removed");

        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, reader));
        vm.prank(reader);
        community.postReadings(FIRST, _one(0), _one64(999_999));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, reader));
        vm.prank(reader);
        community.postGeneration(FIRST, 1);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, reader));
        vm.prank(reader);
        community.closeCycle(FIRST, 0);

        // the new manager appoints one explicitly (the same one, here) and it posts again
        vm.prank(next);
        community.setMeterReader(reader);
        vm.prank(reader);
        community.postReadings(FIRST, _one(0), _one64(2));
    }

    /// A handover with no meter reader emits no MeterReaderSet.
    function test_managerHandover_noReader_noEvent() public {
        address next = makeAddr("next");
        vm.prank(mgr);
        community.transferManager(next);
        vm.recordLogs();
        vm.prank(next);
        community.acceptManager();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != ICommunity.MeterReaderSet.selector, "no MeterReaderSet");
        }
    }

    function test_transferManager_reverts_ZeroAddress() public {
        vm.expectRevert(ICommonErrors.ZeroAddress.selector);
        vm.prank(mgr);
        community.transferManager(address(0));
    }

    function test_transferManager_reverts_NotManager() public {
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.transferManager(stranger);
    }

    function test_meterReader_NotManager() public {
        vm.expectEmit(address(community));
        emit ICommunity.MeterReaderSet(address(0), reader);
        vm.prank(mgr);
        community.setMeterReader(reader);
        assertEq(community.meterReader(), reader);
        _add(0, THREE, 1_000_000);
        vm.startPrank(reader);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        assertTrue(community.closeCycle(FIRST, 0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, reader));
        community.setShares(_one(0), _one(0));
    }

    function test_meterReader_NotManagerOrMeterReader() public {
        vm.expectEmit(address(community));
        emit ICommunity.MeterReaderSet(address(0), reader);
        vm.prank(mgr);
        community.setMeterReader(reader);
        assertEq(community.meterReader(), reader);
        _add(0, THREE, 1_000_000);
        vm.startPrank(reader);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        assertTrue(community.closeCycle(FIRST, 0));
        vm.stopPrank();

        vm.prank(mgr);
        community.setMeterReader(address(0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, reader));
        vm.prank(reader);
        community.postGeneration(202601, 1);
    }

    function test_meterReader_NotManager2() public {
        vm.expectEmit(address(community));
        emit ICommunity.MeterReaderSet(address(0), reader);
        vm.prank(mgr);
        community.setMeterReader(reader);
        assertEq(community.meterReader(), reader);
        _add(0, THREE, 1_000_000);
        vm.startPrank(reader);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        assertTrue(community.closeCycle(FIRST, 0));
        vm.stopPrank();

        vm.prank(mgr);
        community.setMeterReader(address(0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.setMeterReader(stranger);
    }

    // ───────────── members ─────────────

    function test_addMember() public {
        vm.expectEmit(address(community));
        emit ICommunity.MemberAdded(0, _wallet(0), keccak256(abi.encode(uint256(0))), THREE, 600_000, "Apto");
        uint32 id = _add(0, THREE, 600_000);
        assertEq(id, 0);
        assertEq(_add(1, THREE, 0), 1);
        assertEq(ICommunityViews(address(community)).memberCount(), 2);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 600_000);
        (bool found, uint32 got) = community.memberIdOf(_wallet(1));
        assertTrue(found);
        assertEq(got, 1);
        (found,) = community.memberIdOf(stranger);
        assertFalse(found);
        ICommunity.MemberView memory m = ICommunityViews(address(community)).member(0);
        assertEq(m.wallet, _wallet(0));
        assertEq(m.sharePpm, 600_000);
        assertTrue(m.active);
        assertEq(m.label, "Apto");
        assertEq(_communitiesOf(_wallet(0)).length, 0, "not listed until the wallet accepts");
        vm.prank(_wallet(0));
        community.acceptMembership();
        assertEq(_communitiesOf(_wallet(0))[0], address(community));
        assertEq(ICommunityViews(address(community)).members(0, 10).length, 2);
        assertEq(ICommunityViews(address(community)).members(1, 10)[0].id, 1);
        assertEq(ICommunityViews(address(community)).members(0, 1).length, 1);
        assertEq(ICommunityViews(address(community)).members(5, 10).length, 0);
    }

    function test_addMember_withoutWallet() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        uint32 a = community.addMember(address(0), 0, THREE, 0, "");
        uint32 b = community.addMember(address(0), 0, THREE, 0, ""); // several units may wait
        vm.stopPrank();
        assertEq(a, 1);
        assertEq(b, 2);
        assertEq(ICommunityViews(address(community)).member(a).wallet, address(0));
        (bool found,) = community.memberIdOf(address(0));
        assertFalse(found);
    }

    function test_addMember_reverts_MemberAlreadyExists() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberAlreadyExists.selector, _wallet(0), uint32(0)));
        community.addMember(_wallet(0), 0, THREE, 0, "");
    }

    function test_addMember_reverts_TextTooLong() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.TextTooLong.selector, 33, 32));
        community.addMember(_wallet(1), 0, THREE, 0, string(new bytes(33)));
    }

    function test_addMember_reverts_ShareTooLarge() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ShareTooLarge.selector, uint32(1_000_001)));
        community.addMember(_wallet(1), 0, THREE, 1_000_001, "");
    }

    function test_addMember_reverts_NotManager() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.addMember(_wallet(1), 0, THREE, 0, "");
        assertEq(ICommunityViews(address(community)).memberCount(), 1, "nothing half-applied");
    }

    function test_updateMember() public {
        _add(0, THREE, 0);
        vm.expectEmit(address(community));
        emit ICommunity.MemberUpdated(0, bytes32(uint256(7)), ICommunity.Connection.SinglePhase, "Casa 2");
        vm.prank(mgr);
        community.updateMember(0, bytes32(uint256(7)), ICommunity.Connection.SinglePhase, "Casa 2");
        ICommunity.MemberView memory m = ICommunityViews(address(community)).member(0);
        assertEq(m.label, "Casa 2");
        assertEq(m.ucCommitment, bytes32(uint256(7)));
        assertEq(uint8(m.connection), uint8(ICommunity.Connection.SinglePhase));
    }

    function test_updateMember_reverts_UnknownMember() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(5)));
        community.updateMember(5, 0, THREE, "");
    }

    function test_updateMember_reverts_TextTooLong() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.TextTooLong.selector, 40, 32));
        community.updateMember(0, 0, THREE, string(new bytes(40)));
    }

    function test_updateMember_reverts_NotManager() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.updateMember(0, 0, THREE, "");
    }

    function test_updateMember_reverts_UnknownMember2() public {
        _add(0, THREE, 0);
        vm.startPrank(mgr);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(9)));
        ICommunityViews(address(community)).member(9);
    }

    function test_setShares() public {
        _twoMembers();
        uint32[] memory ids = _ids(2);
        uint32[] memory shares = new uint32[](2);
        (shares[0], shares[1]) = (500_000, 500_000);
        vm.expectEmit(address(community));
        emit ICommunity.ShareChanged(0, 600_000, 500_000, 900_000);
        vm.expectEmit(address(community));
        emit ICommunity.ShareChanged(1, 400_000, 500_000, 1_000_000);
        vm.prank(mgr);
        community.setShares(ids, shares);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 1_000_000);
    }

    function test_setShares_reverts_LengthMismatch() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.LengthMismatch.selector, 2, 1));
        community.setShares(_ids(2), _one(1));
    }

    function test_setShares_reverts_UnknownMember() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(7)));
        community.setShares(_one(7), _one(1));
    }

    function test_setShares_reverts_ShareTooLarge() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ShareTooLarge.selector, uint32(2_000_000)));
        community.setShares(_one(0), _one(2_000_000));
    }

    function test_setShares_reverts_MemberInactive() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, uint32(1)));
        community.setShares(_one(1), _one(5));
    }

    function test_setShares_reverts_BatchTooLarge() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BatchTooLarge.selector, 1001, 1000));
        community.setShares(new uint32[](1001), new uint32[](1001));
    }

    function test_setShares_reverts_NotManager() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.setShares(_one(0), _one(1));
        assertEq(ICommunityViews(address(community)).member(0).sharePpm, 600_000, "unchanged");
    }

    function test_setActive() public {
        _twoMembers();
        vm.expectEmit(address(community));
        emit ICommunity.ShareChanged(1, 400_000, 0, 600_000);
        vm.expectEmit(address(community));
        emit ICommunity.MemberActiveChanged(1, false);
        vm.prank(mgr);
        community.setActive(1, false);
        assertFalse(ICommunityViews(address(community)).member(1).active);
        assertEq(ICommunityViews(address(community)).totalSharePpm(), 600_000);
        vm.startPrank(mgr);
        community.setActive(1, false); // no-op
        community.setShares(_one(0), _one(1_000_000));
        // an inactive member needs no reading and consumes nothing
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(5));
        assertTrue(community.closeCycle(FIRST, 0));
        community.setActive(1, true);
        vm.stopPrank();
        assertTrue(ICommunityViews(address(community)).member(1).active);
    }

    function test_setActive_UnknownMember() public {
        _twoMembers();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(3)));
        vm.prank(mgr);
        community.setActive(3, true);
    }

    function test_setActive_NotManager() public {
        _twoMembers();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        vm.prank(stranger);
        community.setActive(0, false);
    }

    function test_setActive_withReading_keepsCountConsistent() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _ids(2), _cons(1, 2));
        community.setActive(1, false);
        community.setShares(_one(0), _one(1_000_000));
        community.setActive(1, true); // reading kept
        assertTrue(community.closeCycle(FIRST, 0));
        vm.stopPrank();
    }

    // ───────────── readings and generation ─────────────

    function test_postReadings_andGeneration() public {
        _twoMembers();
        vm.expectEmit(address(community));
        emit ICommunity.GenerationPosted(FIRST, 5);
        vm.prank(mgr);
        community.postGeneration(FIRST, 5);
        vm.expectEmit(address(community));
        emit ICommunity.ReadingPosted(FIRST, 0, 10);
        vm.expectEmit(address(community));
        emit ICommunity.ReadingPosted(FIRST, 1, 20);
        vm.prank(mgr);
        community.postReadings(FIRST, _ids(2), _cons(10, 20));
        vm.prank(mgr);
        community.postReadings(FIRST, _one(1), _one64(25)); // overwrite
        (uint32 cycle, uint64 wh) = ICommunityViews(address(community)).readingOf(1);
        assertEq(cycle, FIRST);
        assertEq(wh, 25);
    }

    function test_postReadings_reverts_LengthMismatch() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.LengthMismatch.selector, 2, 1));
        community.postReadings(FIRST, _ids(2), _one64(1));
    }

    function test_postReadings_reverts_UnknownMember() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(2)));
        community.postReadings(FIRST, _ids(3), new uint64[](3));
    }

    function test_postReadings_reverts_WrongCycle() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.WrongCycle.selector, uint32(202601), FIRST));
        community.postReadings(202601, _ids(2), _cons(1, 1));
    }

    function test_postReadings_reverts_InvalidCycle() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(202500)));
        community.postReadings(202500, _ids(2), _cons(1, 1));
    }

    function test_postReadings_reverts_BatchTooLarge() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BatchTooLarge.selector, 1001, 1000));
        community.postReadings(FIRST, new uint32[](1001), new uint64[](1001));
    }

    function test_postReadings_reverts_MemberInactive() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.MemberInactive.selector, uint32(1)));
        community.postReadings(FIRST, _ids(2), _cons(1, 1));
    }

    function test_postReadings_reverts_NotManagerOrMeterReader() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.stopPrank();
        (uint32 cycle,) = ICommunityViews(address(community)).readingOf(0);
        assertEq(cycle, 0, "first entry of the failed batch not applied");
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, stranger));
        vm.prank(stranger);
        community.postReadings(FIRST, _one(0), _one64(1));
    }

    function test_postReadings_reverts_UnknownMember2() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.setActive(1, false);
        vm.stopPrank();
        (uint32 cycle,) = ICommunityViews(address(community)).readingOf(0);
        assertEq(cycle, 0, "first entry of the failed batch not applied");
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(4)));
        ICommunityViews(address(community)).readingOf(4);
    }

    function test_postGeneration_reverts_WrongCycle() public {
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.WrongCycle.selector, uint32(202601), FIRST));
        community.postGeneration(202601, 1);
    }

    function test_postGeneration_reverts_InvalidCycle() public {
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(199912)));
        community.postGeneration(199912, 1);
    }

    function test_postGeneration_reverts_NotManagerOrMeterReader() public {
        vm.startPrank(mgr);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, stranger));
        vm.prank(stranger);
        community.postGeneration(FIRST, 1);
    }

    // ───────────── closing ─────────────

    function test_closeCycle_reverts_GenerationMissing() public {
        _twoMembers();
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.GenerationMissing.selector, FIRST));
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_reverts_ReadingMissing() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ReadingMissing.selector, FIRST, uint32(0)));
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_reverts_ReadingMissing2() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.ReadingMissing.selector, FIRST, uint32(1)));
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_reverts_SharesDoNotSum() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.SharesDoNotSum.selector, uint32(900_000)));
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_reverts_WrongCycle() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        community.setShares(_one(1), _one(400_000));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.WrongCycle.selector, uint32(202601), FIRST));
        community.closeCycle(202601, 0);
    }

    function test_closeCycle_reverts_InvalidCycle() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        community.setShares(_one(1), _one(400_000));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvalidCycle.selector, uint32(202613)));
        community.closeCycle(202613, 0);
    }

    function test_closeCycle_reverts_WrongCycle2() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        community.setShares(_one(1), _one(400_000));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.WrongCycle.selector, uint32(202511), FIRST));
        community.closeCycle(202511, 0); // before the first cycle: never open
        vm.stopPrank();
    }

    function test_closeCycle_reverts_NotManagerOrMeterReader() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        community.setShares(_one(1), _one(400_000));
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManagerOrMeterReader.selector, stranger));
        vm.prank(stranger);
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_reverts_CycleAlreadyClosed() public {
        _twoMembers();
        vm.startPrank(mgr);
        community.postGeneration(FIRST, 1000);
        community.postReadings(FIRST, _one(0), _one64(1));
        community.postReadings(FIRST, _one(1), _one64(1));
        community.setShares(_one(1), _one(300_000));
        community.setShares(_one(1), _one(400_000));
        vm.stopPrank();
        assertFalse(ICommunityViews(address(community)).cycleInfo(FIRST).closed);

        vm.prank(mgr);
        assertTrue(community.closeCycle(FIRST, 0));
        vm.expectRevert(abi.encodeWithSelector(ICommunity.CycleAlreadyClosed.selector, FIRST));
        vm.prank(mgr);
        community.closeCycle(FIRST, 0);
    }

    function test_closeCycle_batches_blockChanges_Reverts() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.addMember(_wallet(9), 0, THREE, 0, "");
    }

    function test_closeCycle_batches_blockChanges_Reverts2() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.setShares(_one(0), _one(1));
    }

    function test_closeCycle_batches_blockChanges_Reverts3() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.setActive(0, false);
    }

    function test_closeCycle_batches_blockChanges_Reverts4() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.updateMember(0, 0, THREE, "");
    }

    function test_closeCycle_batches_blockChanges_Reverts5() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.postReadings(FIRST, _one(0), _one64(1));
    }

    function test_closeCycle_batches_blockChanges_Reverts6() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.postGeneration(FIRST, 1);
    }

    function test_closeCycle_batches_blockChanges_Reverts7() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.adjustCredits(0, 1, 0);
    }

    function test_closeCycle_batches_blockChanges_Reverts8() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.updateSettings(_settings(ICommunity.Regime.GD_I));
    }

    function test_closeCycle_batches_blockChanges_Reverts9() public {
        _twoMembers();
        _post(FIRST, 1000, _cons(100, 100));
        vm.expectEmit(address(community));
        emit ICommunity.CycleCloseStarted(FIRST, 1000, 2);
        vm.prank(mgr);
        assertFalse(community.closeCycle(FIRST, 1));
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.closing);
        assertEq(d.lots.length, 1, "settled member sees its new lot while closing");
        assertEq(ICommunityViews(address(community)).lotsOf(1).length, 0);

        bytes memory closing = abi.encodeWithSelector(ICommonErrors.CycleIsClosing.selector, FIRST);
        vm.startPrank(mgr);
        vm.expectRevert(closing);
        community.setFioBStep(2030, 1);

        ICommunity.CycleInfo memory info = ICommunityViews(address(community)).cycleInfo(FIRST);
        assertFalse(info.closed);
        // both consume 100 Wh, under their minimum: GD II down to the minimum compensates nothing
        vm.expectEmit(address(community));
        emit ICommunity.CycleClosed(FIRST, 1000, 0, 0);
        assertTrue(community.closeCycle(FIRST, 1));
        vm.stopPrank();
        info = ICommunityViews(address(community)).cycleInfo(FIRST);
        assertTrue(info.closed);
        assertEq(info.cycle, FIRST);
        assertEq(info.issuedWh, 1000);
        assertEq(info.compensatedWh, 0);
        assertEq(info.closeEndBlock, block.number);
        assertEq(ICommunityViews(address(community)).openCycle(), 202601);
    }

    function test_cycleRollsOverYear() public {
        _add(0, THREE, 1_000_000);
        _post(FIRST, 1, _one64(1));
        _close(FIRST);
        assertEq(ICommunityViews(address(community)).openCycle(), 202601);
    }

    // ───────────── adjustments ─────────────

    function test_adjustCredits_NothingClosedYet() public {
        _twoMembers();
        vm.expectRevert(ICommunity.NothingClosedYet.selector);
        vm.prank(mgr);
        community.adjustCredits(0, 1, 0);
    }

    function test_adjustCredits_AdjustmentExceedsBalance() public {
        _twoMembers();

        _post(FIRST, 0, _cons(0, 0));
        _close(FIRST);
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- test constants fit
        emit ICommunity.CreditsAdjusted(0, FIRST, 5000, bytes32("bill"), 5000, mgr);
        vm.prank(mgr);
        community.adjustCredits(0, 5000, "bill");
        vm.prank(mgr);
        community.adjustCredits(0, -2000, "bill");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 3000);
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots.length, 1);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 3000);

        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.AdjustmentExceedsBalance.selector, uint32(0), 3000, 3001));
        community.adjustCredits(0, -3001, "");
    }

    /// Every adjustment names who made it: after a handover, the new manager (#13 item 9).
    function test_adjustCredits_eventNamesTheManager() public {
        _twoMembers();
        _post(FIRST, 0, _cons(0, 0));
        _close(FIRST);
        address next = makeAddr("next");
        vm.prank(mgr);
        community.transferManager(next);
        vm.prank(next);
        community.acceptManager();
        bytes32 why = keccak256("compartilha:adjust-reason:bill-balance");
        vm.expectEmit(address(community));
        emit ICommunity.CreditsAdjusted(1, FIRST, 7000, why, 7000, next);
        vm.prank(next);
        community.adjustCredits(1, 7000, why);
        vm.expectEmit(address(community));
        emit ICommunity.CreditsAdjusted(1, FIRST, -1000, why, 6000, next);
        vm.prank(next);
        community.adjustCredits(1, -1000, why);
    }

    function test_adjustCredits_ZeroAmount() public {
        _twoMembers();

        _post(FIRST, 0, _cons(0, 0));
        _close(FIRST);
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- test constants fit
        emit ICommunity.CreditsAdjusted(0, FIRST, 5000, bytes32("bill"), 5000, mgr);
        vm.prank(mgr);
        community.adjustCredits(0, 5000, "bill");
        vm.prank(mgr);
        community.adjustCredits(0, -2000, "bill");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 3000);
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots.length, 1);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 3000);

        vm.startPrank(mgr);
        vm.expectRevert(ICommonErrors.ZeroAmount.selector);
        community.adjustCredits(0, 0, "");
    }

    function test_adjustCredits_UnknownMember() public {
        _twoMembers();

        _post(FIRST, 0, _cons(0, 0));
        _close(FIRST);
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- test constants fit
        emit ICommunity.CreditsAdjusted(0, FIRST, 5000, bytes32("bill"), 5000, mgr);
        vm.prank(mgr);
        community.adjustCredits(0, 5000, "bill");
        vm.prank(mgr);
        community.adjustCredits(0, -2000, "bill");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 3000);
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots.length, 1);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 3000);

        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(8)));
        community.adjustCredits(8, 1, "");
    }

    function test_adjustCredits_NotManager() public {
        _twoMembers();

        _post(FIRST, 0, _cons(0, 0));
        _close(FIRST);
        vm.expectEmit(address(community));
        // forge-lint: disable-next-line(unsafe-typecast) -- test constants fit
        emit ICommunity.CreditsAdjusted(0, FIRST, 5000, bytes32("bill"), 5000, mgr);
        vm.prank(mgr);
        community.adjustCredits(0, 5000, "bill");
        vm.prank(mgr);
        community.adjustCredits(0, -2000, "bill");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 3000);
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots.length, 1);
        assertEq(lots[0].originCycle, FIRST);
        assertEq(lots[0].amountWh, 3000);

        vm.startPrank(mgr);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, reader));
        vm.prank(reader);
        community.adjustCredits(0, 1, "");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 3000, "unchanged");
    }

    function test_adjustCredits_negativeTakesOldestFirst() public {
        _add(0, THREE, 1_000_000);
        _post(FIRST, 500_000, _one64(0));
        _close(FIRST); // lot 202512: 500 kWh
        _post(202601, 300_000, _one64(0));
        _close(202601); // lot 202601: 300 kWh
        vm.prank(mgr);
        community.adjustCredits(0, -600_000, "");
        ICommunity.Lot[] memory lots = ICommunityViews(address(community)).lotsOf(0);
        assertEq(lots.length, 1);
        assertEq(lots[0].originCycle, 202601);
        assertEq(lots[0].amountWh, 200_000);
    }

    // ───────────── lots, expiry, dashboard ─────────────

    /// @dev A lot created in cycle c is usable through c+60 and gone after the close of c+60.
    function test_lotExpiry() public {
        _add(0, ICommunity.Connection.SinglePhase, 1_000_000);
        _post(FIRST, 100_000, _one64(0)); // 100 kWh banked in 202512
        _close(FIRST);
        uint32 cycle = ICommunityViews(address(community)).openCycle();
        for (uint256 k = 1; k < 60; ++k) {
            _post(cycle, 0, _one64(0));
            _close(cycle);
            cycle = ICommunityViews(address(community)).openCycle();
        }
        assertEq(cycle, 203012, "c + 60");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, 100_000);
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertEq(d.expiringWithin1Wh, 100_000);
        assertEq(d.lots[0].expiryCycle, 203012);

        // usable in c+60: GD II consumes 40 kWh from the old lot, the rest expires at this close
        // (57.4 kWh consumed, 30 kWh minimum, Fio B 90 % in 2030: down to the minimum it compensates
        // at most 27.4 × 0.80 / (0.80 − 0.252) = 40 kWh, where the bill is exactly R$ 24.00)
        _post(cycle, 0, _one64(57_400));
        vm.recordLogs();
        _close(cycle);
        ICommunity.Settlement[] memory s = _settlements(vm.getRecordedLogs());
        assertEq(s[0].usedFromLotsWh, 40_000);
        assertEq(s[0].expiredWh, 60_000);
        assertEq(s[0].balanceWh, 0);
        assertEq(ICommunityViews(address(community)).lotsOf(0).length, 0);
        assertEq(ICommunityViews(address(community)).cycleInfo(cycle).expiredWh, 60_000);
    }

    function test_dashboard() public {
        ICommunity.Dashboard memory d = ICommunityViews(address(community)).dashboardOf(stranger);
        assertFalse(d.isMember);
        assertEq(d.lots.length, 0);
        assertEq(d.lastClosed.cycle, 0);
        assertEq(d.manager, mgr);

        _twoMembers();
        // member 0 (three-phase) consumes its 100 kWh minimum: GD II down to the minimum
        // compensates nothing, so its whole 600 kWh allocation is banked
        _post(FIRST, 1_000_000, _cons(100_000, 100_000));
        _close(FIRST);
        d = ICommunityViews(address(community)).dashboardOf(_wallet(0));
        assertTrue(d.isMember);
        assertEq(d.member.id, 0);
        assertEq(d.memberCount, 2);
        assertEq(d.totalSharePpm, 1_000_000);
        assertEq(d.openCycle, 202601);
        assertEq(d.lastClosed.cycle, FIRST);
        assertEq(d.fioBSharePpmLastCycle, 450_000);
        assertEq(d.lots.length, 1);
        assertEq(d.lots[0].amountWh, 600_000);
        assertEq(d.expiringWithin1Wh, 0);
        assertEq(d.expiringWithin12Wh, 0);
        assertEq(d.member.balanceWh, 600_000);
    }
}

/// @dev A views contract that tries to write: the community's fallback must refuse it.
contract WritingViews {
    uint256 private _x;

    function poke() external {
        _x = 1;
    }
}
