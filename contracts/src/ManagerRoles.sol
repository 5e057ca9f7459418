// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommunity} from "./interfaces/ICommunity.sol";
import {CommunityLayout} from "./CommunityLayout.sol";

/// @title ManagerRoles — a manager with a two-step handover, and an optional meter reader
/// @notice The manager governs the community; the meter reader may only post generation, readings
///         and close cycles. `address(0)` as meter reader means none. A completed handover removes
///         the meter reader (`MeterReaderSet(reader, 0)`): one appointed by a previous manager never
///         keeps posting readings unnoticed; the new manager appoints one explicitly.
abstract contract ManagerRoles is ICommunity, CommunityLayout {
    // Storage: `_manager`, `_pendingManager`, `_meterReader` in CommunityLayout.

    modifier onlyManager() {
        _checkManager();
        _;
    }

    modifier onlyManagerOrMeterReader() {
        _checkManagerOrMeterReader();
        _;
    }

    /// @notice Starts a handover; `newManager` must call `acceptManager`. Replaces any pending one.
    function transferManager(address newManager) external onlyManager {
        if (newManager == address(0)) revert ZeroAddress();
        _pendingManager = newManager;
        emit ManagerTransferStarted(_manager, newManager);
    }

    /// @notice Completes a handover; only the pending manager may call it. Removes the meter reader
    ///         (`MeterReaderSet(reader, 0)` when there was one): the new manager appoints its own.
    function acceptManager() external {
        if (msg.sender != _pendingManager) revert NotPendingManager(msg.sender);
        address previous = _manager;
        _manager = msg.sender;
        _pendingManager = address(0);
        emit ManagerTransferred(previous, msg.sender);
        address reader = _meterReader;
        if (reader != address(0)) {
            emit MeterReaderSet(reader, address(0));
            _meterReader = address(0);
        }
        _afterManagerAccepted(msg.sender);
    }

    /// @notice Sets (or, with `address(0)`, removes) the meter reader.
    function setMeterReader(address reader) external onlyManager {
        emit MeterReaderSet(_meterReader, reader);
        _meterReader = reader;
    }

    /// @notice The current manager.
    function manager() public view returns (address) {
        return _manager;
    }

    /// @notice The manager-elect awaiting `acceptManager` (0 if none).
    function pendingManager() external view returns (address) {
        return _pendingManager;
    }

    /// @notice The meter reader (0 if none).
    function meterReader() public view returns (address) {
        return _meterReader;
    }

    function _initManager(address initialManager) internal {
        if (initialManager == address(0)) revert ZeroAddress();
        _manager = initialManager;
        emit ManagerTransferred(address(0), initialManager);
    }

    /// @dev Hook run after a handover completes (after state changes and the event).
    function _afterManagerAccepted(address newManager) internal virtual;

    function _checkManager() internal view {
        if (msg.sender != _manager) revert NotManager(msg.sender);
    }

    function _checkManagerOrMeterReader() internal view {
        if (msg.sender != _manager && (msg.sender != _meterReader || msg.sender == address(0))) {
            revert NotManagerOrMeterReader(msg.sender);
        }
    }
}
