// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Community} from "../../src/Community.sol";
import {CommunityMarket} from "../../src/CommunityMarket.sol";
import {CommunityRegistry} from "../../src/CommunityRegistry.sol";
import {CommunityViews} from "../../src/CommunityViews.sol";

/// @dev What scripts/lib/deploy.ts does, in the same order: the views, the two implementations,
///      then the registry that clones them (four transactions there, each under 5M gas).
library Deploy {
    function registry() internal returns (CommunityRegistry) {
        Community impl = new Community(address(new CommunityViews()));
        return new CommunityRegistry(address(impl), address(new CommunityMarket()));
    }
}
