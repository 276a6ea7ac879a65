import { screen } from '@testing-library/react';
import {
  ROLES,
  mockKnowledgeApi,
  renderForEntity,
} from '../__testUtils__/render';
import { EntityKnowledgeContent } from './EntityKnowledgeContent';

describe('EntityKnowledgeContent (no retuning role)', () => {
  it('says who may see an agent’s knowledge and reads nothing', async () => {
    const api = mockKnowledgeApi();
    await renderForEntity(api, ROLES.nobody, <EntityKnowledgeContent />);
    expect(
      await screen.findByText(/Agent retuning is open to industry managers/),
    ).toBeInTheDocument();
    expect(api.getAgentKnowledge).not.toHaveBeenCalled();
  });
});
