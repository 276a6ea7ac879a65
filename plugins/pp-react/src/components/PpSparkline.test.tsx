import { render, screen } from '@testing-library/react';
import { PpSparkline } from './PpSparkline';

const coords = (d: string) =>
  [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map(m => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe('PpSparkline', () => {
  it('draws the trend, broken where there is no data, named by its sentence', () => {
    render(
      <PpSparkline
        values={[2, null, 30, 4]}
        label="Error rate over the last 6h: 2 % at first, 4 % now, peak 30 %."
      />,
    );
    const chart = screen.getByRole('img', {
      name: 'Error rate over the last 6h: 2 % at first, 4 % now, peak 30 %.',
    });
    // the hover title says the same
    expect(chart.querySelector('title')).toHaveTextContent(/peak 30 %/);
    const d = chart.querySelector('path')!.getAttribute('d')!;
    // two runs: the gap at the second value lifts the pen
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    // the latest value is dotted
    expect(chart.querySelector('circle')!.getAttribute('cx')).toBe('96');
  });

  it('scales from zero by default, or over the values’ range with a dashed target', () => {
    const { rerender } = render(
      <PpSparkline values={[99.8, 100]} label="Uptime" height={24} />,
    );
    const ys = () =>
      coords(
        screen
          .getByRole('img', { name: 'Uptime' })
          .querySelector('path')!
          .getAttribute('d')!,
      ).map(([, y]) => y);
    // 0..100: 99.8 % and 100 % look the same
    expect(Math.abs(ys()[0] - ys()[1])).toBeLessThan(0.1);
    expect(
      screen.getByRole('img').querySelector('[data-reference]'),
    ).toBeNull();

    rerender(
      <PpSparkline
        values={[99.8, 100]}
        label="Uptime"
        height={24}
        scale="range"
        reference={99.9}
      />,
    );
    // 99.8..100: the lowest at the bottom, the highest at the top, the target between
    expect(ys()).toEqual([22, 2]);
    const target = screen.getByRole('img').querySelector('[data-reference]')!;
    expect(Number(target.getAttribute('y1'))).toBeCloseTo(12, 5);
  });

  it('draws no line without data', () => {
    render(<PpSparkline values={[null, null]} label="No data yet." />);
    const chart = screen.getByRole('img', { name: 'No data yet.' });
    expect(chart.querySelector('path')).toBeNull();
    expect(chart.querySelector('circle')).toBeNull();
  });
});
