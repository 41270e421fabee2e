// The estimate_revisions view (migrations 3 and 4): for each note on one company (latest edition of each report,
// with a broker and a date), every value of a column whose header is a period, by line item and period, beside the
// value the same broker printed for the same ticker, item and period in its previous note that printed it. The text
// is part of the migrations' checksums: it must not change; a new view is a new migration with new arguments.

/** The view's CREATE statement, with the SQL expressions of a cell's line item (shown) and its matching key; `keyed`
 * pairs notes on the key (version 4), else on the shown item (version 3). */
export const estimateRevisions = (
  item: string,
  key: string,
  keyed = false,
): string => `CREATE VIEW estimate_revisions AS
WITH notes AS (
  SELECT e.id AS edition_id, e.report_id, e.broker, e.date, e.title, c.ticker, c.name AS company
  FROM latest_editions e
  JOIN companies c ON c.edition_id = e.id
  WHERE e.broker IS NOT NULL AND e.date IS NOT NULL
    AND (SELECT COUNT(*) FROM companies k WHERE k.edition_id = e.id) = 1
),
items AS (
  SELECT n.ticker, n.company, n.broker, n.date, n.title, n.report_id, n.edition_id,
         ${item} AS line_item, x.period, x.period_kind, x.period_basis, x.value, x.unit, x.currency, x.scale,
         x.raw, x.table_id, x.row, x.col,${keyed ? ` ${key} AS line_item_key,` : ""}
         ROW_NUMBER() OVER (
           PARTITION BY n.edition_id, ${key}, x.period ORDER BY t.page, x.table_id, x.row, x.col
         ) AS nth
  FROM notes n
  JOIN cells x ON x.edition_id = n.edition_id
  JOIN tables t ON t.edition_id = x.edition_id AND t.table_id = x.table_id
  WHERE x.period IS NOT NULL AND x.period_axis = 'column' AND x.value IS NOT NULL
),
paired AS (
  SELECT i.*,
         LAG(value) OVER w AS previous_value,
         LAG(unit) OVER w AS previous_unit,
         LAG(currency) OVER w AS previous_currency,
         LAG(scale) OVER w AS previous_scale,
         LAG(period_basis) OVER w AS previous_basis,
         LAG(date) OVER w AS previous_date,
         LAG(edition_id) OVER w AS previous_edition_id
  FROM items i
  WHERE nth = 1
  WINDOW w AS (PARTITION BY ticker, broker, ${keyed ? "line_item_key" : "line_item"}, period ORDER BY date, report_id)
),
comparable AS (
  SELECT p.*,
         CASE WHEN previous_value IS NOT NULL AND COALESCE(currency, '') = COALESCE(previous_currency, '')
                   AND (scale IS NULL) = (previous_scale IS NULL)
              THEN previous_value * COALESCE(previous_scale, 1) / COALESCE(scale, 1) END AS previous_in_scale
  FROM paired p
)
SELECT ticker, company, broker, line_item, period, period_kind, date, value, unit, currency, scale, period_basis,
       previous_date, previous_value, previous_unit, previous_basis,
       value - previous_in_scale AS change,
       CASE WHEN previous_in_scale <> 0 THEN (value - previous_in_scale) * 100.0 / ABS(previous_in_scale) END AS change_pct,
       title, report_id, edition_id, previous_edition_id, table_id, row, col, raw
FROM comparable;
`;
