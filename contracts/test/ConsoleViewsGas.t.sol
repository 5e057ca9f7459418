// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {ICommunity} from "../src/interfaces/ICommunity.sol";
import {ICommunityViews} from "../src/interfaces/ICommunityViews.sol";
import {CommunityTestBase} from "./utils/CommunityTestBase.sol";

/// @notice Gas of one `consolePage` (the manager's console reads members, their open-cycle
///         readings and their credits expiring at the close in pages) for 100, 200, 500 and 1,000
///         members, every member with a full ring of lots (61 closed cycles, so the lots of the
///         first cycle expire at the open cycle's close) and half the readings posted. Printed; the
///         page the app uses (`CONSOLE_PAGE` in app/features/manage/data.ts, 500) must stay under a
///         quarter of a 50M-gas `eth_call` cap. Storage is cooled first, as a fresh `eth_call` sees it.
contract ConsoleViewsGasTest is CommunityTestBase {
    uint256 internal constant N = 1000;
    uint32 internal constant APP_PAGE = 500;
    uint256 internal constant CAP = 50_000_000;

    function _pageGas(uint32 offset, uint32 limit) internal returns (uint256 gas, uint256 rows) {
        vm.cool(address(community));
        bytes memory data = abi.encodeCall(ICommunityViews.consolePage, (offset, limit));
        vm.resumeGasMetering();
        (bool ok, bytes memory ret) = address(community).staticcall(data);
        gas = vm.lastCallGas().gasTotalUsed;
        vm.pauseGasMetering();
        assertTrue(ok, "consolePage");
        rows = _rowsOf(ret);
    }

    /// @dev How many rows a `consolePage` answer holds (decoded apart: shallow stack under IR).
    function _rowsOf(bytes memory ret) internal pure returns (uint256) {
        (, ICommunityViews.ConsoleMember[] memory list) =
            abi.decode(ret, (ICommunityViews.ConsoleCycle, ICommunityViews.ConsoleMember[]));
        return list.length;
    }

    /// @dev The first member's credits expiring at the open cycle's close.
    function _firstExpiring() internal view returns (uint64) {
        (, ICommunityViews.ConsoleMember[] memory rows) = ICommunityViews(address(community)).consolePage(0, 1);
        return rows[0].expiringWh;
    }

    /// @dev N members, 61 closed cycles (each member banks a lot every month), half the open
    ///      cycle's readings posted.
    function _setUpFull() internal {
        _deploy(ICommunity.Regime.GD_II, FIRST);
        for (uint256 i; i < N; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- 1,000 ppm
            _add(i, ICommunity.Connection(i % 3), uint32(1_000_000 / N));
        }
        uint64[] memory cons = new uint64[](N);
        for (uint256 i; i < N; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) -- small
            cons[i] = uint64(300_000 + (i % 5) * 20_000); // below the ~600 kWh allocation: a lot every month
        }
        for (uint256 r; r < 61; ++r) {
            uint32 c = ICommunityViews(address(community)).openCycle();
            _post(c, 600_000 * uint64(N), cons);
            vm.prank(mgr);
            community.closeCycle(c, 0);
        }
        uint64[] memory half = new uint64[](N / 2);
        for (uint256 i; i < half.length; ++i) {
            half[i] = cons[i];
        }
        _post(ICommunityViews(address(community)).openCycle(), 600_000 * uint64(N), half);
    }

    function test_gas_consolePage() public {
        vm.pauseGasMetering();
        _setUpFull();
        uint32[4] memory sizes = [uint32(100), 200, 500, 1000];
        uint256 appPageGas;
        for (uint256 k; k < sizes.length; ++k) {
            (uint256 gas, uint256 rows) = _pageGas(0, sizes[k]);
            assertEq(rows, sizes[k]);
            console.log("consolePage, members with lots, page of", sizes[k]);
            console.log("  gas", gas);
            console.log("  gas per member", gas / sizes[k]);
            if (sizes[k] == APP_PAGE) appPageGas = gas;
        }
        assertGt(_firstExpiring(), 0, "the measured pages read a lot that expires");
        assertLe(appPageGas * 4, CAP, "the app's page stays under a quarter of a 50M-gas eth_call cap");
    }
}
