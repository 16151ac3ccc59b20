// SPDX-License-Identifier: MIT
// Test contracts for stakemesh's chain importer (test/chain/evm): the four EigenLayer core
// contracts as far as the importer sees them. Each emits the REAL event signatures of the
// slashing release (same names, parameter types and indexing as the ABIs in
// ../shared/data/eigenlayer/), keeps the storage those events imply, and answers the views that
// `import eigenlayer --verify` reads, computed here as EigenLayer computes them (SlashingLib's
// roundings, allocations completing at their effect block, the beacon-chain slashing factor).
// Histories are scripted: a ScriptRunner transaction calls `log_<Event>` functions in order, so
// one transaction emits events from several contracts, as EigenLayer's own calls do.
pragma solidity ^0.8.27;

struct OperatorSet {
    address avs;
    uint32 id;
}

struct Withdrawal {
    address staker;
    address delegatedTo;
    address withdrawer;
    uint256 nonce;
    uint32 startBlock;
    address[] strategies;
    uint256[] scaledShares;
}

struct Allocation {
    uint64 currentMagnitude;
    int128 pendingDiff;
    uint32 effectBlock;
}

uint256 constant WAD = 1e18;
address constant BEACON_CHAIN_ETH_STRATEGY = 0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0;

/// Only the script runner may move the state; `init` wires the contracts once.
abstract contract Scripted {
    address public script;
    AllocationManager public allocationManager;
    DelegationManager public delegationManager;
    StrategyManager public strategyManager;
    EigenPodManager public eigenPodManager;

    modifier onlyScript() {
        require(msg.sender == script || msg.sender == address(delegationManager), "not the script");
        _;
    }

    function init(address s, address am, address dm, address sm, address epm) external {
        require(script == address(0), "initialised");
        script = s;
        allocationManager = AllocationManager(am);
        delegationManager = DelegationManager(dm);
        strategyManager = StrategyManager(sm);
        eigenPodManager = EigenPodManager(epm);
    }
}

contract AllocationManager is Scripted {
    event OperatorSetCreated(OperatorSet operatorSet);
    event StrategyAddedToOperatorSet(OperatorSet operatorSet, address strategy);
    event StrategyRemovedFromOperatorSet(OperatorSet operatorSet, address strategy);
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    event OperatorRemovedFromOperatorSet(address indexed operator, OperatorSet operatorSet);
    event AllocationDelaySet(address operator, uint32 delay, uint32 effectBlock);
    event AllocationUpdated(address operator, OperatorSet operatorSet, address strategy, uint64 magnitude, uint32 effectBlock);
    event EncumberedMagnitudeUpdated(address operator, address strategy, uint64 encumberedMagnitude);
    event MaxMagnitudeUpdated(address operator, address strategy, uint64 maxMagnitude);
    event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description);

    /// Current magnitude, the pending target and when it takes effect (0: nothing pending).
    struct Slot {
        uint64 current;
        uint64 target;
        uint32 effectBlock;
    }

    mapping(address => mapping(address => uint64)) internal maxMagnitude;
    mapping(address => mapping(address => bool)) internal maxMagnitudeSet;
    mapping(address => mapping(address => uint64)) internal encumbered;
    mapping(address => mapping(bytes32 => mapping(address => Slot))) internal slots;
    /// Operator sets each (operator, strategy) has allocated to: the deallocation queue's domain.
    mapping(address => mapping(address => bytes32[])) internal setKeys;
    mapping(address => mapping(address => mapping(bytes32 => bool))) internal known;

    function key(OperatorSet calldata s) internal pure returns (bytes32) {
        return bytes32(abi.encodePacked(s.avs, uint96(s.id)));
    }

    function matured(Slot memory a) internal view returns (bool) {
        return a.effectBlock != 0 && block.number >= a.effectBlock;
    }

    function log_OperatorSetCreated(OperatorSet calldata operatorSet) external onlyScript {
        emit OperatorSetCreated(operatorSet);
    }

    function log_StrategyAddedToOperatorSet(OperatorSet calldata operatorSet, address strategy) external onlyScript {
        emit StrategyAddedToOperatorSet(operatorSet, strategy);
    }

    function log_StrategyRemovedFromOperatorSet(OperatorSet calldata operatorSet, address strategy) external onlyScript {
        emit StrategyRemovedFromOperatorSet(operatorSet, strategy);
    }

    function log_OperatorAddedToOperatorSet(address operator, OperatorSet calldata operatorSet) external onlyScript {
        emit OperatorAddedToOperatorSet(operator, operatorSet);
    }

    function log_OperatorRemovedFromOperatorSet(address operator, OperatorSet calldata operatorSet) external onlyScript {
        emit OperatorRemovedFromOperatorSet(operator, operatorSet);
    }

    function log_AllocationDelaySet(address operator, uint32 delay, uint32 effectBlock) external onlyScript {
        emit AllocationDelaySet(operator, delay, effectBlock);
    }

    /// As slashOperator and modifyAllocations emit it: an effect block in the future sets the
    /// pending target; one at or before this block sets the current magnitude (pending kept).
    function log_AllocationUpdated(address operator, OperatorSet calldata operatorSet, address strategy, uint64 magnitude, uint32 effectBlock)
        external
        onlyScript
    {
        bytes32 k = key(operatorSet);
        Slot storage a = slots[operator][k][strategy];
        if (matured(a)) {
            a.current = a.target;
            a.effectBlock = 0;
        }
        if (effectBlock > block.number) {
            a.target = magnitude;
            a.effectBlock = effectBlock;
        } else {
            a.current = magnitude;
            if (a.effectBlock == 0) a.target = magnitude;
        }
        if (!known[operator][strategy][k]) {
            known[operator][strategy][k] = true;
            setKeys[operator][strategy].push(k);
        }
        emit AllocationUpdated(operator, operatorSet, strategy, magnitude, effectBlock);
    }

    /// The contract emits this after clearing the strategy's completed deallocations.
    function log_EncumberedMagnitudeUpdated(address operator, address strategy, uint64 encumberedMagnitude) external onlyScript {
        bytes32[] storage ks = setKeys[operator][strategy];
        for (uint256 i = 0; i < ks.length; i++) {
            Slot storage a = slots[operator][ks[i]][strategy];
            if (matured(a)) {
                a.current = a.target;
                a.effectBlock = 0;
            }
        }
        encumbered[operator][strategy] = encumberedMagnitude;
        emit EncumberedMagnitudeUpdated(operator, strategy, encumberedMagnitude);
    }

    function log_MaxMagnitudeUpdated(address operator, address strategy, uint64 newMaxMagnitude) external onlyScript {
        maxMagnitude[operator][strategy] = newMaxMagnitude;
        maxMagnitudeSet[operator][strategy] = true;
        emit MaxMagnitudeUpdated(operator, strategy, newMaxMagnitude);
    }

    function log_OperatorSlashed(
        address operator,
        OperatorSet calldata operatorSet,
        address[] calldata strategies,
        uint256[] calldata wadSlashed,
        string calldata description
    ) external onlyScript {
        require(strategies.length == wadSlashed.length, "lengths");
        emit OperatorSlashed(operator, operatorSet, strategies, wadSlashed, description);
    }

    function getMaxMagnitude(address operator, address strategy) public view returns (uint64) {
        return maxMagnitudeSet[operator][strategy] ? maxMagnitude[operator][strategy] : uint64(WAD);
    }

    /// The stored figure less the deallocations that completed but are not cleared yet.
    function getEncumberedMagnitude(address operator, address strategy) external view returns (uint64) {
        uint64 used = encumbered[operator][strategy];
        bytes32[] storage ks = setKeys[operator][strategy];
        for (uint256 i = 0; i < ks.length; i++) {
            Slot memory a = slots[operator][ks[i]][strategy];
            if (matured(a) && a.target < a.current) used -= a.current - a.target;
        }
        return used;
    }

    function getAllocation(address operator, OperatorSet calldata operatorSet, address strategy) external view returns (Allocation memory) {
        Slot memory a = slots[operator][key(operatorSet)][strategy];
        if (a.effectBlock == 0) return Allocation(a.current, 0, 0);
        if (matured(a)) return Allocation(a.target, 0, 0);
        return Allocation(a.current, int128(uint128(a.target)) - int128(uint128(a.current)), a.effectBlock);
    }
}

contract DelegationManager is Scripted {
    event OperatorRegistered(address indexed operator, address delegationApprover);
    event StakerDelegated(address indexed staker, address indexed operator);
    event StakerUndelegated(address indexed staker, address indexed operator);
    event StakerForceUndelegated(address indexed staker, address indexed operator);
    event OperatorSharesIncreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesDecreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesSlashed(address indexed operator, address strategy, uint256 totalSlashedShares);
    event DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor);
    event SlashingWithdrawalQueued(bytes32 withdrawalRoot, Withdrawal withdrawal, uint256[] sharesToWithdraw);
    event SlashingWithdrawalCompleted(bytes32 withdrawalRoot);

    mapping(address => mapping(address => uint256)) public operatorShares;
    mapping(address => address) public delegatedTo;
    mapping(address => mapping(address => uint256)) internal depositScalingFactor;
    mapping(address => mapping(address => bool)) internal depositScalingFactorSet;
    mapping(bytes32 => bool) public pendingWithdrawals;

    function log_OperatorRegistered(address operator, address delegationApprover) external onlyScript {
        emit OperatorRegistered(operator, delegationApprover);
    }

    function log_StakerDelegated(address staker, address operator) external onlyScript {
        require(delegatedTo[staker] == address(0), "delegated");
        delegatedTo[staker] = operator;
        emit StakerDelegated(staker, operator);
    }

    function log_StakerUndelegated(address staker, address operator) external onlyScript {
        require(delegatedTo[staker] == operator, "not delegated to operator");
        delegatedTo[staker] = address(0);
        emit StakerUndelegated(staker, operator);
    }

    function log_StakerForceUndelegated(address staker, address operator) external onlyScript {
        emit StakerForceUndelegated(staker, operator);
    }

    function log_OperatorSharesIncreased(address operator, address staker, address strategy, uint256 shares) external onlyScript {
        operatorShares[operator][strategy] += shares;
        emit OperatorSharesIncreased(operator, staker, strategy, shares);
    }

    function log_OperatorSharesDecreased(address operator, address staker, address strategy, uint256 shares) external onlyScript {
        operatorShares[operator][strategy] -= shares;
        emit OperatorSharesDecreased(operator, staker, strategy, shares);
    }

    function log_OperatorSharesSlashed(address operator, address strategy, uint256 totalSlashedShares) external onlyScript {
        operatorShares[operator][strategy] -= totalSlashedShares;
        emit OperatorSharesSlashed(operator, strategy, totalSlashedShares);
    }

    function log_DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor) external onlyScript {
        depositScalingFactor[staker][strategy] = newDepositScalingFactor;
        depositScalingFactorSet[staker][strategy] = true;
        emit DepositScalingFactorUpdated(staker, strategy, newDepositScalingFactor);
    }

    /// `depositSharesRemoved` is what removeDepositShares took from the StrategyManager (which
    /// emits nothing for it); the EigenPodManager's side is its own PodSharesUpdated.
    function log_SlashingWithdrawalQueued(
        bytes32 withdrawalRoot,
        Withdrawal calldata withdrawal,
        uint256[] calldata sharesToWithdraw,
        uint256[] calldata depositSharesRemoved
    ) external onlyScript {
        require(withdrawal.strategies.length == depositSharesRemoved.length, "lengths");
        for (uint256 i = 0; i < withdrawal.strategies.length; i++) {
            address s = withdrawal.strategies[i];
            if (s != BEACON_CHAIN_ETH_STRATEGY) strategyManager.removeDepositShares(withdrawal.staker, s, depositSharesRemoved[i]);
        }
        pendingWithdrawals[withdrawalRoot] = true;
        emit SlashingWithdrawalQueued(withdrawalRoot, withdrawal, sharesToWithdraw);
    }

    function log_SlashingWithdrawalCompleted(bytes32 withdrawalRoot) external onlyScript {
        require(pendingWithdrawals[withdrawalRoot], "no such withdrawal");
        pendingWithdrawals[withdrawalRoot] = false;
        emit SlashingWithdrawalCompleted(withdrawalRoot);
    }

    function mulWad(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b) / WAD;
    }

    /// SlashingLib: withdrawable = depositShares.mulWad(dsf).mulWad(slashingFactor), where the
    /// slashing factor is the operator's max magnitude (WAD when undelegated), times the pod
    /// owner's beacon-chain slashing factor for the beacon-chain ETH strategy.
    function getWithdrawableShares(address staker, address[] calldata strategies)
        external
        view
        returns (uint256[] memory withdrawableShares, uint256[] memory depositShares)
    {
        withdrawableShares = new uint256[](strategies.length);
        depositShares = new uint256[](strategies.length);
        address operator = delegatedTo[staker];
        for (uint256 i = 0; i < strategies.length; i++) {
            address s = strategies[i];
            bool beacon = s == BEACON_CHAIN_ETH_STRATEGY;
            depositShares[i] = beacon ? eigenPodManager.stakerDepositShares(staker, s) : strategyManager.stakerDepositShares(staker, s);
            uint256 slashingFactor = operator == address(0) ? WAD : allocationManager.getMaxMagnitude(operator, s);
            if (beacon) slashingFactor = mulWad(slashingFactor, eigenPodManager.beaconChainSlashingFactor(staker));
            uint256 dsf = depositScalingFactorSet[staker][s] ? depositScalingFactor[staker][s] : WAD;
            withdrawableShares[i] = mulWad(mulWad(depositShares[i], dsf), slashingFactor);
        }
    }
}

contract StrategyManager is Scripted {
    event Deposit(address staker, address strategy, uint256 shares);
    event StrategyAddedToDepositWhitelist(address strategy);
    event StrategyRemovedFromDepositWhitelist(address strategy);
    event BurnableSharesIncreased(address strategy, uint256 shares);
    event BurnableSharesDecreased(address strategy, uint256 shares);

    mapping(address => mapping(address => uint256)) public stakerDepositShares;
    mapping(address => bool) public strategyIsWhitelistedForDeposit;
    mapping(address => uint256) public burnableShares;

    function log_Deposit(address staker, address strategy, uint256 shares) external onlyScript {
        require(strategyIsWhitelistedForDeposit[strategy], "strategy not whitelisted");
        stakerDepositShares[staker][strategy] += shares;
        emit Deposit(staker, strategy, shares);
    }

    function log_StrategyAddedToDepositWhitelist(address strategy) external onlyScript {
        strategyIsWhitelistedForDeposit[strategy] = true;
        emit StrategyAddedToDepositWhitelist(strategy);
    }

    function log_StrategyRemovedFromDepositWhitelist(address strategy) external onlyScript {
        strategyIsWhitelistedForDeposit[strategy] = false;
        emit StrategyRemovedFromDepositWhitelist(strategy);
    }

    function log_BurnableSharesIncreased(address strategy, uint256 shares) external onlyScript {
        burnableShares[strategy] += shares;
        emit BurnableSharesIncreased(strategy, shares);
    }

    function log_BurnableSharesDecreased(address strategy, uint256 shares) external onlyScript {
        burnableShares[strategy] -= shares;
        emit BurnableSharesDecreased(strategy, shares);
    }

    function removeDepositShares(address staker, address strategy, uint256 shares) external onlyScript {
        stakerDepositShares[staker][strategy] -= shares;
    }
}

contract EigenPodManager is Scripted {
    event PodSharesUpdated(address indexed podOwner, int256 sharesDelta);
    event NewTotalShares(address indexed podOwner, int256 newTotalShares);
    event BeaconChainSlashingFactorDecreased(address staker, uint64 prevBeaconChainSlashingFactor, uint64 newBeaconChainSlashingFactor);
    event BurnableETHSharesIncreased(uint256 shares);
    event BeaconChainETHDeposited(address indexed podOwner, uint256 amount);
    event PodDeployed(address indexed eigenPod, address indexed podOwner);

    mapping(address => int256) public podOwnerDepositShares;
    mapping(address => uint64) internal slashingFactor;
    mapping(address => bool) internal slashingFactorSet;

    function log_PodSharesUpdated(address podOwner, int256 sharesDelta) external onlyScript {
        podOwnerDepositShares[podOwner] += sharesDelta;
        emit PodSharesUpdated(podOwner, sharesDelta);
    }

    /// Emitted right after PodSharesUpdated with the resulting total: must agree with it.
    function log_NewTotalShares(address podOwner, int256 newTotalShares) external onlyScript {
        require(podOwnerDepositShares[podOwner] == newTotalShares, "total shares disagree");
        emit NewTotalShares(podOwner, newTotalShares);
    }

    function log_BeaconChainSlashingFactorDecreased(address staker, uint64 prevBeaconChainSlashingFactor, uint64 newBeaconChainSlashingFactor)
        external
        onlyScript
    {
        require(beaconChainSlashingFactor(staker) == prevBeaconChainSlashingFactor, "previous factor disagrees");
        require(newBeaconChainSlashingFactor < prevBeaconChainSlashingFactor, "factor only decreases");
        slashingFactor[staker] = newBeaconChainSlashingFactor;
        slashingFactorSet[staker] = true;
        emit BeaconChainSlashingFactorDecreased(staker, prevBeaconChainSlashingFactor, newBeaconChainSlashingFactor);
    }

    function log_BurnableETHSharesIncreased(uint256 shares) external onlyScript {
        emit BurnableETHSharesIncreased(shares);
    }

    function log_BeaconChainETHDeposited(address podOwner, uint256 amount) external onlyScript {
        emit BeaconChainETHDeposited(podOwner, amount);
    }

    function log_PodDeployed(address eigenPod, address podOwner) external onlyScript {
        emit PodDeployed(eigenPod, podOwner);
    }

    function beaconChainSlashingFactor(address podOwner) public view returns (uint64) {
        return slashingFactorSet[podOwner] ? slashingFactor[podOwner] : uint64(WAD);
    }

    /// As EigenPodManager.stakerDepositShares: a negative balance counts as none.
    function stakerDepositShares(address podOwner, address) external view returns (uint256) {
        int256 s = podOwnerDepositShares[podOwner];
        return s < 0 ? 0 : uint256(s);
    }
}

/// Runs one scripted transaction: calls in order, any failure reverts the whole transaction.
contract ScriptRunner {
    struct Call {
        address target;
        bytes data;
    }

    function run(Call[] calldata calls) external {
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory ret) = calls[i].target.call(calls[i].data);
            if (!ok) {
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
        }
    }
}

/// Multicall3's aggregate3, the one function viem's multicall uses.
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory returnData) {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory ret) = calls[i].target.call(calls[i].callData);
            require(ok || calls[i].allowFailure, "Multicall3: call failed");
            returnData[i] = Result(ok, ret);
        }
    }
}
