import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { PpSearchField } from './PpSearchField';

function Search(props: { onValue: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <PpSearchField
      id="search"
      label="Search"
      placeholder="Key, title or description"
      ariaLabel="Search things"
      value={value}
      onChange={v => {
        setValue(v);
        props.onValue(v);
      }}
    />
  );
}

describe('PpSearchField', () => {
  it('is a named search box that reports what is typed', async () => {
    const user = userEvent.setup({ delay: null });
    const values: string[] = [];
    render(<Search onValue={v => values.push(v)} />);
    const box = screen.getByRole('textbox', { name: 'Search things' });
    expect(box).toHaveAttribute('placeholder', 'Key, title or description');
    await user.type(box, 'ab');
    expect(values).toEqual(['a', 'ab']);
  });
});
