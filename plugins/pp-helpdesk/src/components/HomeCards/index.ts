export { MyTicketsCard } from './MyTicketsCard';
export { SlaAtRiskCard, slaAtRisk } from './SlaAtRiskCard';
export { UnassignedTicketsCard } from './UnassignedTicketsCard';
