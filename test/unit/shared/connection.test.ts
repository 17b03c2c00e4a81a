import { GraphQLError } from 'graphql';
import { checkPageSize, decodeCursor, encodeCursor, toConnection } from '../../../shared/pagination/connection';
import { fenToYuan, yuanToFen } from '../../../shared/database/columns';

describe('cursor connections', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor('91440101MA5CJQ4N59'))).toBe('91440101MA5CJQ4N59');
    expect(() => decodeCursor('not-a-cursor')).toThrow(GraphQLError);
  });

  it('enforces the hard maximum page size', () => {
    expect(checkPageSize(undefined, 100)).toBe(20);
    expect(checkPageSize(100, 100)).toBe(100);
    expect(() => checkPageSize(101, 100)).toThrow(/must not exceed 100/);
    expect(() => checkPageSize(-1, 100)).toThrow(/non-negative/);
  });

  it('reports a next page only when more rows exist', () => {
    const rows = [1, 2, 3];
    const page = toConnection(rows, 2, 3, (n) => n, false);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(page.pageInfo.endCursor as string)).toBe('2');
    expect(toConnection([1], 2, 1, (n) => n, true).pageInfo.hasNextPage).toBe(false);
  });

  it('counts on demand, at most once, when given a count function', async () => {
    const count = jest.fn(async () => 7);
    const page = toConnection([1, 2], 5, count, (n) => n, false);
    expect(count).not.toHaveBeenCalled();
    expect(await page.totalCount).toBe(7);
    expect(await page.totalCount).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
  });
});

describe('money', () => {
  it('converts between fen and decimal yuan strings without floats', () => {
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(yuanToFen('1234.5')).toBe(123450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });
});
