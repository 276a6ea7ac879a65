import { screen } from '@testing-library/react';
import { renderEntitySlaCard, mockSlaApi } from '../__testUtils__/render';

// a file of its own: usePermission caches its answer per permission for the whole file
describe('EntitySlaCard for someone who may not read SLAs', () => {
  it('is not drawn and reads nothing', async () => {
    const api = mockSlaApi();
    await renderEntitySlaCard(api, []);
    expect(screen.queryByText('SLA')).toBeNull();
    expect(screen.queryByTestId('entity-sla-card')).toBeNull();
    expect(api.getCompliance).not.toHaveBeenCalled();
  });
});
