// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {ICommunityMarket} from "../src/interfaces/ICommunityMarket.sol";
import {MarketTestBase} from "./utils/MarketTestBase.sol";
contract ScratchGasTest is MarketTestBase {
    function test_scratch() public {
        _setUpMarket(4);
        vm.prank(wallets[1]);
        market.placeOrder(ICommunityMarket.Side.Sell, 1_000_001, 100, 0, false, 0, 0);
        vm.prank(wallets[1]);
        (uint64 id,) = market.placeOrder(ICommunityMarket.Side.Sell, 1_000_001, 100, 0, false, 0, 0);
        vm.prank(wallets[2]);
        market.placeOrder(ICommunityMarket.Side.Sell, 1_000_001, 100, 0, false, 0, 0);
        vm.cool(address(market));
        vm.cool(address(community));
        vm.cool(address(token));
        vm.prank(wallets[1]);
        market.cancel(id);
        vm.cool(address(market));
        vm.cool(address(community));
        vm.cool(address(token));
        vm.prank(wallets[0]);
        market.placeOrder(ICommunityMarket.Side.Buy, 2_000_000, 100, 0, false, 0, 1);
    }
}
