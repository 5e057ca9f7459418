// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {ICommonErrors} from "../src/interfaces/ICommonErrors.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {ICommunityRegistry} from "../src/interfaces/ICommunityRegistry.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {Community} from "../src/Community.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";

/// @dev Invitations (issue #12): a unit added without a wallet, its invitation claimed by the
///      resident's wallet, and a member's wallet re-pointed by a new invitation with everything it
///      has in the ledger and the market following the member id.
abstract contract InvitationTestBase is MarketTestBase {
    uint256 internal constant KEY = 0xBEEF; // the invitation key a link carries
    address internal phone = makeAddr("new phone");
    uint64 internal expiry;

    function setUp() public {
        _setUpMarket(4);
        expiry = uint64(block.timestamp + 7 days);
    }

    /// @dev The EIP-712 digest the invitation key signs (what the app computes with viem).
    function _digest(address c, uint256 chainId, uint32 memberId, address wallet) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Compartilha"),
                keccak256("1"),
                chainId,
                c
            )
        );
        bytes32 claimHash = keccak256(abi.encode(keccak256("Claim(uint32 memberId,address wallet)"), memberId, wallet));
        return keccak256(abi.encodePacked("\x19\x01", domain, claimHash));
    }

    function _sign(uint256 pk, address c, uint256 chainId, uint32 memberId, address wallet)
        internal
        pure
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, _digest(c, chainId, memberId, wallet));
        return abi.encodePacked(r, s, v);
    }

    function _sig(uint32 memberId, address wallet) internal view returns (bytes memory) {
        return _sign(KEY, address(community), block.chainid, memberId, wallet);
    }

    function _invite(uint32 memberId) internal {
        vm.prank(mgr);
        community.invite(memberId, vm.addr(KEY), expiry);
    }

    function _claim(uint32 memberId, address wallet) internal {
        bytes memory sig = _sig(memberId, wallet);
        vm.prank(wallet);
        community.claim(memberId, sig);
    }

    function _listed(address wallet) internal view returns (uint256 total) {
        (, total) = registry.communitiesOf(wallet, 0, 10);
    }

    function _newUnit() internal returns (uint32 id) {
        vm.prank(mgr);
        id = community.addMember(address(0), keccak256("unit 501"), ICommunity.Connection.SinglePhase, 0, "501");
    }
}

contract InvitationsTest is InvitationTestBase {
    // ───────────── a unit without a wallet, claimed ─────────────

    function test_addMember_withoutWallet_thenClaim() public {
        uint32 id = _newUnit();
        assertEq(ICommunityViews(address(community)).member(id).wallet, address(0));
        (bool found,) = community.memberIdOf(address(0));
        assertFalse(found, "address 0 is nobody's wallet");
        _invite(id);
        vm.expectEmit(address(community));
        emit ICommunity.MemberWalletChanged(id, address(0), phone);
        _claim(id, phone);
        (bool f, uint32 got) = community.memberIdOf(phone);
        assertTrue(f);
        assertEq(got, id);
        assertEq(ICommunityViews(address(community)).member(id).wallet, phone);
        assertEq(_listed(phone), 1, "claimed: the registry lists it");
    }

    function test_invite_emitsAndReplaces() public {
        uint32 id = _newUnit();
        vm.expectEmit(address(community));
        emit ICommunity.InvitationSet(id, vm.addr(KEY), expiry);
        _invite(id);
        // a new invitation replaces it: a signature of the first key no longer claims
        vm.prank(mgr);
        community.invite(id, vm.addr(0xCAFE), expiry);
        bytes memory old = _sig(id, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, id));
        community.claim(id, old);
        bytes memory fresh = _sign(0xCAFE, address(community), block.chainid, id, phone);
        vm.prank(phone);
        community.claim(id, fresh);
        assertEq(ICommunityViews(address(community)).member(id).wallet, phone);
    }

    function test_invitation_view_followsInviteRevokeAndClaim() public {
        uint32 id = _newUnit();
        ICommunityViews v = ICommunityViews(address(community));
        (address key, uint64 until, bool used) = v.invitation(id);
        assertEq(key, address(0), "none issued");
        assertEq(until, 0);
        assertFalse(used);
        _invite(id);
        (key, until, used) = v.invitation(id);
        assertEq(key, vm.addr(KEY));
        assertEq(until, expiry);
        assertFalse(used);
        _claim(id, phone);
        (key,, used) = v.invitation(id);
        assertEq(key, vm.addr(KEY), "a claimed invitation is kept, marked used");
        assertTrue(used);
        vm.prank(mgr);
        community.invite(id, address(0), expiry);
        (key, until, used) = v.invitation(id);
        assertEq(key, address(0), "revoked");
        assertEq(until, 0, "a revoked invitation keeps no expiry");
        assertFalse(used);
    }

    function test_invite_revoke() public {
        uint32 id = _newUnit();
        _invite(id);
        vm.prank(mgr);
        vm.expectEmit(address(community));
        emit ICommunity.InvitationSet(id, address(0), 0);
        community.invite(id, address(0), 12345);
        bytes memory sig = _sig(id, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NoInvitation.selector, id));
        community.claim(id, sig);
    }

    function test_invite_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NotManager.selector, stranger));
        community.invite(0, vm.addr(KEY), expiry);
        vm.startPrank(mgr);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(9)));
        community.invite(9, vm.addr(KEY), expiry);
        uint64 now_ = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvitationExpired.selector, uint32(0), now_));
        community.invite(0, vm.addr(KEY), now_);
        vm.stopPrank();
    }

    // ───────────── consent in the registry ─────────────

    function test_addMember_doesNotList_acceptMembershipLists() public {
        address w = wallets[0];
        assertEq(_listed(w), 0, "added by the manager: not listed without consent");
        assertFalse(registry.hasMembership(w, address(community)));
        vm.prank(w);
        vm.expectEmit(address(registry));
        emit ICommunityRegistry.MembershipRecorded(w, address(community));
        community.acceptMembership();
        assertEq(_listed(w), 1);
        assertTrue(registry.hasMembership(w, address(community)));
        assertFalse(registry.hasMembership(stranger, address(community)));
        vm.prank(w);
        community.acceptMembership(); // twice: listed once
        assertEq(_listed(w), 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, stranger));
        community.acceptMembership();
    }

    function test_registry_dropMembership_onlyCommunity() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICommunityRegistry.NotACommunity.selector, stranger));
        registry.dropMembership(stranger);
    }

    function test_market_onWalletChanged_onlyCommunity() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotCommunity.selector, stranger));
        market.onWalletChanged(0, stranger);
    }

    // ───────────── re-pointing: everything follows the member ─────────────

    function test_repoint_everythingFollows() public {
        address old = wallets[0];
        vm.prank(old);
        community.acceptMembership();
        // member 0: an open sell order (10 kWh at 2P, rests), an open buy order (5 kWh at P/2,
        // rests), and proceeds (member 1 bought 4 kWh of another ask at P).
        uint64 ask = _sell(0, 2 * P, 10_000);
        uint64 bid = _buy(0, P / 2, 5_000);
        _sell(0, P, 4_000);
        _buy(1, P, 4_000);
        uint256 proceeds = market.proceedsOf(old);
        assertGt(proceeds, 0);
        uint64 balance = ICommunityViews(address(community)).member(0).balanceWh;
        uint256 lotsBefore = _sumLots(0);
        uint256 oldTokens = token.balanceOf(old);

        _invite(0);
        vm.expectEmit(address(community));
        emit ICommunity.MemberWalletChanged(0, old, phone);
        vm.expectEmit(address(market));
        emit ICommunityMarket.OwnerWalletChanged(0, phone);
        vm.expectEmit(address(registry));
        emit ICommunityRegistry.MembershipDropped(old, address(community));
        _claim(0, phone);

        // the ledger: the old wallet is nobody; the member, its credits and lots unchanged
        (bool found,) = community.memberIdOf(old);
        assertFalse(found, "old wallet: not a member any more");
        (bool f, uint32 id) = community.memberIdOf(phone);
        assertTrue(f && id == 0);
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, balance);
        assertEq(_sumLots(0), lotsBefore);
        assertEq(_listed(old), 0, "registry: dropped for the old wallet");
        assertEq(_listed(phone), 1, "registry: listed for the new one");
        // the market: orders and proceeds are the new wallet's
        assertEq(market.ordersOf(old).length, 0);
        assertEq(market.ordersOf(phone).length, 2);
        assertEq(market.proceedsOf(old), 0);
        assertEq(market.proceedsOf(phone), proceeds);

        // the old wallet can do nothing
        vm.startPrank(old);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotOrderOwner.selector, ask, old));
        market.cancel(ask);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotOrderOwner.selector, bid, old));
        market.cancel(bid);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, old));
        market.withdraw();
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, old));
        market.placeOrder(ICommunityMarket.Side.Sell, P, 1_000, 0, false, 0, 16);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, old));
        community.donate(1, 1_000, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, old));
        community.donateToPool(1_000, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommonErrors.NotAMember.selector, old));
        community.acceptMembership();
        vm.stopPrank();
        // the market's `reclaimExpired` sees the new wallet as the active owner: not reclaimable
        vm.expectRevert(abi.encodeWithSelector(ICommunityMarket.NotReclaimable.selector, ask));
        market.reclaimExpired(ask);

        // the new wallet has it all: cancel both (escrow back), withdraw the proceeds
        uint64 escrowed = _escrowedWh();
        vm.startPrank(phone);
        market.cancel(ask);
        market.cancel(bid);
        market.withdraw();
        community.donate(1, 1_000, 0);
        vm.stopPrank();
        assertEq(escrowed, 10_000, "only the 10 kWh ask was in escrow");
        assertEq(ICommunityViews(address(community)).member(0).balanceWh, balance + 10_000 - 1_000);
        uint256 bidEscrow = (uint256(5_000) * (P / 2) + 999) / 1000;
        assertEq(token.balanceOf(phone), proceeds + bidEscrow, "proceeds and the buy escrow reached the new wallet");
        assertEq(token.balanceOf(old), oldTokens, "nothing reached the old wallet");
    }

    function test_repoint_thenRepointAgain_andOldWalletsFree() public {
        _invite(0);
        _claim(0, phone);
        address third = makeAddr("third phone");
        vm.prank(mgr);
        community.invite(0, vm.addr(0xC0FFEE), expiry);
        bytes memory sig = _sign(0xC0FFEE, address(community), block.chainid, 0, third);
        vm.prank(third);
        community.claim(0, sig);
        (bool f,) = community.memberIdOf(phone);
        assertFalse(f);
        // the first wallet, now free, may be added again as a new unit
        vm.prank(mgr);
        uint32 id = community.addMember(wallets[0], 0, ICommunity.Connection.SinglePhase, 0, "again");
        (bool f2, uint32 got) = community.memberIdOf(wallets[0]);
        assertTrue(f2 && got == id);
    }

    function test_repoint_managerKeepsItsListing() public {
        // the manager is member 4's wallet; re-pointing member 4 keeps the manager's own record
        vm.prank(mgr);
        uint32 id = community.addMember(mgr, 0, ICommunity.Connection.SinglePhase, 0, "sindico");
        _invite(id);
        _claim(id, phone);
        assertEq(_listed(mgr), 1, "the manager still manages it");
    }

    // ───────────── every bad claim changes nothing ─────────────

    function _unchanged(uint32 id, address wallet) internal view {
        assertEq(ICommunityViews(address(community)).member(id).wallet, wallet, "nothing changed on-chain");
        (bool f,) = community.memberIdOf(phone);
        assertFalse(f, "the claiming wallet did not become a member");
    }

    function test_claim_usedTwice() public {
        uint32 id = _newUnit();
        _invite(id);
        _claim(id, phone);
        bytes memory sig = _sig(id, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvitationUsed.selector, id));
        community.claim(id, sig);
        address other = makeAddr("other");
        sig = _sig(id, other);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvitationUsed.selector, id));
        community.claim(id, sig);
        assertEq(ICommunityViews(address(community)).member(id).wallet, phone);
    }

    function test_claim_expired() public {
        uint32 id = _newUnit();
        _invite(id);
        vm.warp(expiry);
        bytes memory sig = _sig(id, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.InvitationExpired.selector, id, expiry));
        community.claim(id, sig);
        _unchanged(id, address(0));
    }

    function test_claim_noInvitation_unknownMember() public {
        uint32 id = _newUnit();
        bytes memory sig = _sig(id, phone);
        vm.startPrank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.NoInvitation.selector, id));
        community.claim(id, sig);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.UnknownMember.selector, uint32(99)));
        community.claim(99, sig);
        vm.stopPrank();
    }

    function test_claim_otherCommunity() public {
        // the same key invited in two communities: a signature made for one does not claim the other
        vm.prank(mgr);
        Community other = Community(registry.createCommunity(_settings(ICommunity.Regime.GD_II), _schedule(), FIRST));
        vm.startPrank(mgr);
        other.addMember(address(0), 0, ICommunity.Connection.SinglePhase, 0, "x");
        other.invite(0, vm.addr(KEY), expiry);
        vm.stopPrank();
        _invite(0);
        bytes memory forThis = _sig(0, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        other.claim(0, forThis);
        assertEq(ICommunityViews(address(other)).member(0).wallet, address(0));
    }

    function test_claim_otherChain() public {
        _invite(0);
        bytes memory sig = _sign(KEY, address(community), block.chainid + 1, 0, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        community.claim(0, sig);
        // and a signature made here does not claim on a fork with another chain id
        bytes memory here = _sig(0, phone);
        vm.chainId(block.chainid + 7);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        community.claim(0, here);
        _unchanged(0, wallets[0]);
    }

    function test_claim_forged() public {
        _invite(0);
        bytes memory sig = _sign(0xBAD, address(community), block.chainid, 0, phone);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        community.claim(0, sig);
        vm.prank(phone);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        community.claim(0, hex"1234"); // malformed
        _unchanged(0, wallets[0]);
    }

    function test_claim_copiedSignatureReplayedByAnotherWallet() public {
        _invite(0);
        bytes memory sig = _sig(0, phone); // seen in the mempool
        address thief = makeAddr("thief");
        vm.prank(thief);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.BadInvitationSignature.selector, uint32(0)));
        community.claim(0, sig);
        (bool f,) = community.memberIdOf(thief);
        assertFalse(f);
        _unchanged(0, wallets[0]);
    }

    function test_claim_walletAlreadyAMember() public {
        uint32 id = _newUnit();
        _invite(id);
        address member1 = wallets[1];
        bytes memory sig = _sig(id, member1);
        vm.prank(member1);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberAlreadyExists.selector, member1, uint32(1)));
        community.claim(id, sig);
        assertEq(ICommunityViews(address(community)).member(id).wallet, address(0));
    }

    function test_repoint_toAMembersWallet() public {
        _invite(0);
        address member2 = wallets[2];
        bytes memory sig = _sig(0, member2);
        vm.prank(member2);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberAlreadyExists.selector, member2, uint32(2)));
        community.claim(0, sig);
        // nor to its own current wallet
        sig = _sig(0, wallets[0]);
        vm.prank(wallets[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommunity.MemberAlreadyExists.selector, wallets[0], uint32(0)));
        community.claim(0, sig);
        assertEq(ICommunityViews(address(community)).member(0).wallet, wallets[0]);
        assertEq(ICommunityViews(address(community)).member(2).wallet, member2);
    }
}

/// @notice Gas of claiming an invitation (benchmark: printed, not held to a budget): a unit's first
///         wallet, and a re-point of a member with orders in the market. Each claim is a transaction
///         of its own (storage cooled); execution gas, without intrinsic gas or calldata.
contract InvitationGasTest is InvitationTestBase {
    function test_gas_claim_and_repoint() public {
        uint32 id = _newUnit();
        _invite(id);
        bytes memory sig = _sig(id, phone);
        vm.cool(address(community));
        vm.cool(address(registry));
        vm.prank(phone);
        community.claim(id, sig);
        uint256 first = vm.lastCallGas().gasTotalUsed;

        _sell(0, 2 * P, 10_000); // member 0 has an order: the market's cached wallet changes too
        address next = makeAddr("next");
        _invite(0);
        sig = _sig(0, next);
        vm.cool(address(community));
        vm.cool(address(registry));
        vm.cool(address(market));
        vm.prank(next);
        community.claim(0, sig);
        uint256 repoint = vm.lastCallGas().gasTotalUsed;

        vm.cool(address(community));
        vm.prank(mgr);
        community.invite(id, vm.addr(KEY), expiry);
        uint256 inviteGas = vm.lastCallGas().gasTotalUsed;
        console.log("invite (gas)", inviteGas);
        console.log("claim, a unit's first wallet (gas)", first);
        console.log("claim re-pointing a member with an order (gas)", repoint);
        assertGt(repoint, first, "a re-point does more");
    }
}
