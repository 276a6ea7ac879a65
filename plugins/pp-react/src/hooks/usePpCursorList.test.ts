import { act, renderHook, waitFor } from '@testing-library/react';
import { PpCursorPage, usePpCursorList } from './usePpCursorList';

type Page = PpCursorPage<string> & { total: number };

const pages: Record<string, Page> = {
  first: { items: ['a', 'b'], next_cursor: 'c2', total: 3 },
  c2: { items: ['c'], next_cursor: null, total: 3 },
};

describe('usePpCursorList', () => {
  it('loads the first page, then appends the next one on loadMore', async () => {
    const fetchPage = jest.fn(
      async (cursor?: string) => pages[cursor ?? 'first'],
    );
    const { result } = renderHook(() => usePpCursorList(fetchPage));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.hasMore).toBe(true);
    expect(result.current.page?.total).toBe(3);

    await act(() => result.current.loadMore());
    expect(fetchPage).toHaveBeenLastCalledWith('c2');
    expect(result.current.items).toEqual(['a', 'b', 'c']);
    expect(result.current.hasMore).toBe(false);
    expect(result.current.loadingMore).toBe(false);
  });

  it('gives a failure as a sentence', async () => {
    const fetchPage = jest.fn(async () => {
      throw new Error('The server is down.');
    });
    const { result } = renderHook(() => usePpCursorList(fetchPage));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.error).toBe('The server is down.');
    expect(result.current.items).toEqual([]);
  });

  it('starts again from the first page for new filters or a new reload key, dropping a superseded answer', async () => {
    let answerSlow: (p: Page) => void = () => {};
    const slow = jest.fn(
      () => new Promise<Page>(resolve => (answerSlow = resolve)),
    );
    const fast = jest.fn(async () => pages.c2);
    const { result, rerender } = renderHook(
      ({ fetchPage, key }) => usePpCursorList(fetchPage, key),
      { initialProps: { fetchPage: slow as () => Promise<Page>, key: 0 } },
    );
    rerender({ fetchPage: fast, key: 0 });
    await waitFor(() => expect(result.current.items).toEqual(['c']));
    await act(async () => answerSlow(pages.first));
    expect(result.current.items).toEqual(['c']);

    rerender({ fetchPage: fast, key: 1 });
    await waitFor(() => expect(fast).toHaveBeenCalledTimes(2));
  });
});
