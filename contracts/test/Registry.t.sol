// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {Community} from "../src/Community.sol";
import {CommunityRegistry} from "../src/CommunityRegistry.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @dev #13 item 6: anyone can create communities and add any wallet as a member. Since #12 a
///      community is listed for a wallet only once it consents (claims an invitation, accepts a
///      membership, or manages it), so adding the victim everywhere lists nothing. A wallet can
///      still list many communities of its own (the spammer manages 12,000): `communitiesOf` is
///      paged, and a page costs the same at 1, 1,000 and 12,000 communities (the unpaged list
///      stopped fitting a 30M-gas eth_call at about 11,900).
contract RegistryTest is CommunityTestBase {
    address internal victim = makeAddr("victim");
    Spammer internal spammer;

    function setUp() public {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        spammer = new Spammer(registry, victim);
    }

    /// The attacker's spam: `n` communities of its own, each with `victim` as a member (not recorded in
    /// the registry). Run in the attacker's own contract: its memory is gone after the call, so the
    /// test's measurements do not pay for 12,000 calls' worth of memory.
    function _spam(uint256 n) internal {
        vm.pauseGasMetering(); // 12,000 communities exceed the test's gas limit; only the views are measured
        spammer.spam(n, _settings(ICommunity.Regime.GD_II), _schedule());
        vm.resumeGasMetering();
    }

    /// Gas of one page of `limit` from `offset`, with the registry's storage cold (as in an eth_call).
    function _pageGas(uint256 offset, uint256 limit) internal returns (uint256 used, uint256 length, uint256 total) {
        vm.cool(address(registry));
        uint256 before = gasleft();
        (address[] memory page, uint256 count) = registry.communitiesOf(address(spammer), offset, limit);
        used = before - gasleft();
        (length, total) = (page.length, count);
    }

    function test_communitiesOf_pageGasFlat() public {
        _spam(1);
        (uint256 g1,, uint256 t1) = _pageGas(0, 50);
        assertEq(t1, 1);
        _spam(999);
        (uint256 g1000, uint256 n1000, uint256 t1000) = _pageGas(0, 50);
        (uint256 g1000Last,,) = _pageGas(950, 50);
        assertEq(n1000, 50);
        assertEq(t1000, 1000);
        _spam(11_000);
        (uint256 g12000, uint256 n12000, uint256 t12000) = _pageGas(0, 50);
        (uint256 g12000Last, uint256 nLast,) = _pageGas(11_950, 50);
        assertEq(n12000, 50);
        assertEq(t12000, 12_000);
        assertEq(nLast, 50);
        console.log("communitiesOf page of 50 (gas): 1 community", g1);
        console.log("  1,000 communities, first / last page", g1000, g1000Last);
        console.log("  12,000 communities, first / last page", g12000, g12000Last);
        // What the unpaged list cost (every address in one call): the flood is real.
        (uint256 gAll, uint256 nAll,) = _pageGas(0, type(uint256).max);
        assertEq(nAll, 12_000);
        console.log("  12,000 communities, all in one call (the old communitiesOf)", gAll);
        assertGt(gAll, 25_000_000, "the whole list nearly fills a 30M-gas eth_call");
        // flat: a page costs the same whatever the total (0.2 % slack: the test's own memory grows)
        assertApproxEqRel(g12000, g1000, 0.002e18, "first page flat from 1,000 to 12,000");
        assertApproxEqRel(g12000Last, g1000Last, 0.002e18, "last page flat from 1,000 to 12,000");
        assertLt(g12000Last, 200_000, "a page fits any eth_call");
    }

    function test_flood_needsConsent() public {
        _spam(3);
        (, uint256 total) = registry.communitiesOf(victim, 0, 10);
        assertEq(total, 0, "added without consent: listed nowhere");
        (, total) = registry.communitiesOf(address(spammer), 0, 10);
        assertEq(total, 3, "the spammer manages them");
    }

    function test_communitiesOf_pages() public {
        _spam(3);
        address[] memory all = new address[](4);
        uint256 total;
        (all, total) = registry.communitiesOf(address(spammer), 0, 10);
        assertEq(all.length, 3);
        assertEq(total, 3);
        (address[] memory two,) = registry.communitiesOf(address(spammer), 1, 2);
        assertEq(two.length, 2);
        assertEq(two[0], all[1]);
        assertEq(two[1], all[2]);
        (address[] memory past, uint256 t) = registry.communitiesOf(address(spammer), 3, 10);
        assertEq(past.length, 0);
        assertEq(t, 3);
        (address[] memory none,) = registry.communitiesOf(address(spammer), type(uint256).max, type(uint256).max);
        assertEq(none.length, 0);
        (address[] memory zero,) = registry.communitiesOf(address(spammer), 0, 0);
        assertEq(zero.length, 0);
        (address[] memory huge,) = registry.communitiesOf(address(spammer), 2, type(uint256).max);
        assertEq(huge.length, 1);
        assertEq(huge[0], all[2]);
        (address[] memory stranger_, uint256 ts) = registry.communitiesOf(stranger, 0, 10);
        assertEq(stranger_.length, 0);
        assertEq(ts, 0);
    }
}

/// @dev The attacker: creates communities (it manages them) and adds the victim to each.
contract Spammer {
    CommunityRegistry private immutable registry;
    address private immutable victim;
    uint32 private constant FIRST = 202512;

    constructor(CommunityRegistry registry_, address victim_) {
        registry = registry_;
        victim = victim_;
    }

    function spam(uint256 n, ICommunity.Settings calldata settings, ICommunity.FioBStep[] calldata schedule) external {
        for (uint256 i; i < n; ++i) {
            Community c = Community(registry.createCommunity(settings, schedule, FIRST));
            c.addMember(victim, bytes32(0), ICommunity.Connection.SinglePhase, 0, "");
        }
    }
}
