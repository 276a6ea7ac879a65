import {
  actorLabel,
  eventLabel,
  formatDuration,
  ruleLabel,
  specialtyLabel,
  statusLabel,
} from './labels';

describe('labels', () => {
  it('names statuses, rules, specialties and events in words', () => {
    expect(statusLabel('genesis_rejected')).toBe('Rejected by Genesis');
    expect(ruleLabel('customer_sovereignty')).toBe('Customer sovereignty');
    expect(specialtyLabel('sales', 'lead-prospecting')).toBe(
      'Lead prospecting',
    );
    expect(specialtyLabel('sales', 'unknown-thing')).toBe('Unknown thing');
    expect(eventLabel('approve_genesis')).toBe('Genesis approved the request');
  });

  it('names people from their refs and systems by name', () => {
    expect(actorLabel('user:default/olu.orchestrator')).toBe(
      'Olu Orchestrator',
    );
    expect(actorLabel({ kind: 'user', id: 'user:default/vik-viewer' })).toBe(
      'Vik Viewer',
    );
    expect(actorLabel({ kind: 'system', id: 'genesis' })).toBe('Genesis');
    const olu = 'user:pp/cfc187b0-e864-4ab4-99cf-7dcd1894e732';
    expect(actorLabel(olu, { [olu]: 'Olu Orchestrator' })).toBe(
      'Olu Orchestrator',
    );
    expect(actorLabel({ kind: 'user', id: olu })).toBe('A former PP user');
  });

  it('formats durations', () => {
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 24 * 3600_000)).toBe('3 days');
  });
});
