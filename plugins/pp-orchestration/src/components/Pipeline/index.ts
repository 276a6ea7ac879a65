export { PipelineCard, PipelineView } from './PipelineCard';
