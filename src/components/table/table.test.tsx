import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders, type RenderedApp } from '../../../test/helpers/render-app';
import { useListNavigation } from '../../hooks/use-list-navigation';
import { Bar, barSpans } from '../bar';
import { layoutColumns, windowLabel } from './columns';
import { Table, type Column } from './table';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

interface Svc {
  name: string;
  running: number;
}
const rows: Svc[] = Array.from({ length: 5_000 }, (_, i) => ({
  name: `svc-${String(i).padStart(4, '0')}`,
  running: i % 7,
}));
const columns: Column<Svc>[] = [
  { key: 'name', title: 'NAME', cell: (r) => r.name },
  { key: 'running', title: 'RUNNING', width: 7, align: 'right', cell: (r) => String(r.running) },
];

/** 21 lines: a header and 20 rows. */
function Services({ height = 21 }: { height?: number }) {
  const nav = useListNavigation({ count: rows.length, visible: height - 1 });
  return (
    <>
      <Table
        columns={columns}
        rows={rows}
        width={40}
        height={height}
        selected={nav.selected}
        offset={nav.offset}
        rowKey={(r) => r.name}
      />
      <Text>{windowLabel(nav.offset, height - 1, rows.length)}</Text>
    </>
  );
}

const dataRows = (frame: string) => frame.split('\n').filter((l) => /svc-\d{4}/.test(l));
const selectedRow = (frame: string) => frame.split('\n').find((l) => l.startsWith('›'));

describe('Table', () => {
  it('renders only the 20 visible rows of 5,000', async () => {
    app = renderWithProviders(<Services />);
    const frame = await app.waitFor((f) => f.includes('svc-0000'));
    expect(dataRows(frame)).toHaveLength(20);
    expect(frame.split('\n')[0]).toMatch(/^ {2}NAME\s+RUNNING$/);
    expect(frame).toContain('1-20 of 5000');
    expect(frame).not.toContain('svc-0020');
  });

  it('moves the selection inside the window before it scrolls', async () => {
    app = renderWithProviders(<Services />);
    await app.waitFor((f) => f.includes('svc-0000'));
    await app.press('nav.down', { times: 19 });
    let frame = await app.waitFor((f) => selectedRow(f)?.includes('svc-0019') === true);
    expect(dataRows(frame)[0]).toContain('svc-0000');
    await app.press('nav.down');
    frame = await app.waitFor((f) => selectedRow(f)?.includes('svc-0020') === true);
    expect(dataRows(frame)[0]).toContain('svc-0001');
    expect(dataRows(frame)).toHaveLength(20);
    // up from the bottom row moves the cursor, not the page
    await app.press('nav.up');
    frame = await app.waitFor((f) => selectedRow(f)?.includes('svc-0019') === true);
    expect(dataRows(frame)[0]).toContain('svc-0001');
  });

  it('jumps to the end and back, and pages', async () => {
    app = renderWithProviders(<Services />);
    await app.waitFor((f) => f.includes('svc-0000'));
    await app.press('nav.bottom');
    let frame = await app.waitFor((f) => selectedRow(f)?.includes('svc-4999') === true);
    expect(dataRows(frame)).toHaveLength(20);
    expect(frame).toContain('4981-5000 of 5000');
    await app.press('nav.top');
    await app.waitFor((f) => selectedRow(f)?.includes('svc-0000') === true);
    await app.press('nav.page-down');
    frame = await app.waitFor((f) => selectedRow(f)?.includes('svc-0019') === true);
    expect(frame).toContain('20-39 of 5000');
  });

  it('says so when there are no rows', async () => {
    app = renderWithProviders(
      <Table columns={columns} rows={[]} width={40} height={5} emptyText="no services" />,
    );
    await app.waitFor((f) => f.includes('no services'));
  });

  it('cuts long cells with an ellipsis and right-aligns numbers', async () => {
    const long = [{ name: 'a-very-long-service-name-that-does-not-fit', running: 12 }];
    app = renderWithProviders(
      <Table columns={columns} rows={long} width={30} height={3} selected={0} />,
    );
    const frame = await app.waitFor((f) => f.includes('…'));
    expect(selectedRow(frame)).toBe('› a-very-long-service…      12');
  });
});

it('draws element cells, such as a task bar, at the column width', async () => {
  const withBar: Column<Svc>[] = [
    ...columns,
    {
      key: 'tasks',
      title: 'TASKS',
      width: 12,
      cell: (r, width) => <Bar desired={4} running={r.running} pending={0} width={width} />,
    },
  ];
  app = renderWithProviders(
    <Table columns={withBar} rows={rows.slice(2, 3)} width={50} height={2} />,
  );
  const frame = await app.waitFor((f) => f.includes('svc-0002'));
  expect(frame).toMatch(/svc-0002\s+2 ████···· 2\/4$/m);
});

it('draws placeholders, bars and the cursor as they are, next to any ASCII a row contains', async () => {
  interface Row {
    name: string;
    tag: string;
  }
  const cols: Column<Row>[] = [
    { key: 'name', title: 'NAME', width: 10, cell: (r) => r.name },
    { key: 'tag', title: 'TAG', width: 6, cell: (r) => ({ text: r.tag, token: 'ui.dim' }) },
    {
      key: 'tasks',
      title: 'TASKS',
      width: 10,
      cell: (_r, width) => ({ spans: barSpans({ desired: 4, running: 2, pending: 1, width }) }),
    },
  ];
  const data: Row[] = [
    { name: 'a~very-long-name', tag: '…' },
    { name: 'b^`|{}#@$%', tag: '~x' },
  ];
  app = renderWithProviders(
    <Table columns={cols} rows={data} width={30} height={3} selected={0} />,
  );
  const frame = await app.waitFor((f) => f.includes('b^'));
  expect(frame.split('\n').slice(1, 3)).toEqual([
    '› a~very-lo… …      ██▒ 2/4 +1',
    '  b^`|{}#@$% ~x     ██▒ 2/4 +1',
  ]);
});

describe('layoutColumns', () => {
  it('gives fixed columns their width and shares the rest', () => {
    const laid = layoutColumns(
      [
        { key: 'a', title: 'A' },
        { key: 'b', title: 'B', width: 10 },
        { key: 'c', title: 'C', flex: 2 },
      ],
      50,
    );
    expect(laid.map((l) => l.width)).toEqual([12, 10, 24]);
    // gutter 2 + 2 gaps + widths fill the table exactly
    expect(2 + 2 + laid.reduce((s, l) => s + l.width, 0)).toBe(50);
  });

  it('drops columns from the right when too narrow', () => {
    const laid = layoutColumns(
      [
        { key: 'a', title: 'A', minWidth: 10 },
        { key: 'b', title: 'B', width: 20 },
        { key: 'c', title: 'C', width: 20 },
      ],
      40,
    );
    expect(laid.map((l) => l.column.key)).toEqual(['a', 'b']);
  });
});
