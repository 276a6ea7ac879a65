import { act, renderHook, waitFor } from '@testing-library/react';
import { usePpOffsetList } from './usePpOffsetList';

const all = ['a', 'b', 'c', 'd', 'e'];

describe('usePpOffsetList', () => {
  it('loads the first page, then the next offset on loadMore, until the total is reached', async () => {
    const fetchPage = jest.fn(
      async ({ limit, offset }: { limit: number; offset: number }) => ({
        items: all.slice(offset, offset + limit),
        total_count: all.length,
        limit,
        offset,
      }),
    );
    const { result } = renderHook(() => usePpOffsetList(fetchPage, 0, 2));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(fetchPage).toHaveBeenCalledWith({ limit: 2, offset: 0 });
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.page?.total_count).toBe(5);
    expect(result.current.hasMore).toBe(true);

    await act(() => result.current.loadMore());
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 2, offset: 2 });
    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(all);
    expect(result.current.hasMore).toBe(false);
  });

  it('stops at an empty page even if the total said more', async () => {
    const fetchPage = jest.fn(async () => ({
      items: [],
      total_count: 3,
      limit: 25,
      offset: 0,
    }));
    const { result } = renderHook(() => usePpOffsetList(fetchPage));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.hasMore).toBe(false);
  });
});
