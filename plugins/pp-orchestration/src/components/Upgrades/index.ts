export { UpgradesCard } from './UpgradesCard';
export { UpgradePage, UpgradeView } from './UpgradePage';
