import { isAiAgent } from './entity';

const entity = (kind: string, type?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: type ? { type } : {},
});

describe('isAiAgent', () => {
  it('is true for components of type ai-agent only', () => {
    expect(isAiAgent(entity('Component', 'ai-agent'))).toBe(true);
    expect(isAiAgent(entity('component', 'ai-agent'))).toBe(true);
    expect(isAiAgent(entity('Component', 'service'))).toBe(false);
    expect(isAiAgent(entity('API', 'ai-agent'))).toBe(false);
    expect(isAiAgent(entity('Component'))).toBe(false);
  });
});
