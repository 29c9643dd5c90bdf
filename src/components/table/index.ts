export { Table, type Cell, type Column, type TableProps } from './table';
export { layoutColumns, windowLabel, type ColumnSpec } from './columns';
