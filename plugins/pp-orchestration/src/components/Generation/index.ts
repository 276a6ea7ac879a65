export { GenerationCard } from './GenerationCard';
