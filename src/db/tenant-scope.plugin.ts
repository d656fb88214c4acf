import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  IdentifierNode,
  OperationNodeTransformer,
  OnNode,
  OperatorNode,
  ParensNode,
  PrimitiveValueListNode,
  ReferenceNode,
  TableNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  WhereNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';
import { TENANT_TABLES } from './schema.ts';

const ORG_COLUMN = 'org_id';

const toSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The one place tenancy is enforced (S-5). Every query built through a tenant-scoped Kysely
 * gets `org_id = <org>` on each tenant table it reads, joins, updates or deletes, and every
 * insert into a tenant table gets (or is checked for) the org id. Services only ever receive
 * a scoped instance; see docs/ARCHITECTURE.md ("Tenancy").
 */
export class TenantScopePlugin implements KyselyPlugin {
  private readonly transformer: TenantTransformer;
  constructor(readonly orgId: string) {
    this.transformer = new TenantTransformer(orgId);
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class TenantTransformer extends OperationNodeTransformer {
  constructor(private readonly orgId: string) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    let out = super.transformSelectQuery(node);
    out = this.scopeJoins(out);
    const conds = (out.from?.froms ?? []).flatMap((f) => this.conditionFor(f, out.where?.where));
    return conds.length ? withWhere(out, and(conds)) : out;
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    let out = super.transformUpdateQuery(node);
    out = this.scopeJoins(out);
    const targets = [...(out.table ? [out.table] : []), ...(out.from?.froms ?? [])];
    const conds = targets.flatMap((f) => this.conditionFor(f, out.where?.where));
    return conds.length ? withWhere(out, and(conds)) : out;
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    let out = super.transformDeleteQuery(node);
    out = this.scopeJoins(out);
    const targets = [...out.from.froms, ...(out.using?.tables ?? [])];
    const conds = targets.flatMap((f) => this.conditionFor(f, out.where?.where));
    return conds.length ? withWhere(out, and(conds)) : out;
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const out = super.transformInsertQuery(node);
    if (!out.into || !isTenantTable(tableName(out.into))) return out;
    const columns = out.columns ?? [];
    const idx = columns.findIndex((c) => toSnake(c.column.name) === ORG_COLUMN);
    if (!out.values || !ValuesNode.is(out.values)) {
      if (idx < 0) throw new Error(`insert into ${tableName(out.into)} must set org_id explicitly`);
      return out;
    }
    if (idx >= 0) {
      for (const row of out.values.values) {
        const v = PrimitiveValueListNode.is(row) ? row.values[idx] : undefined;
        if (PrimitiveValueListNode.is(row) && v !== this.orgId) {
          throw new Error(`insert into ${tableName(out.into)} with another organisation's id`);
        }
      }
      return out;
    }
    const rows = out.values.values.map((row) =>
      PrimitiveValueListNode.is(row)
        ? PrimitiveValueListNode.create([...row.values, this.orgId])
        : ValueListNode.create([...row.values, ValueNode.create(this.orgId)]),
    );
    return {
      ...out,
      columns: [...columns, ColumnNode.create(ORG_COLUMN)],
      values: ValuesNode.create(rows),
    };
  }

  /**
   * A subquery built from a scoped Kysely is scoped when it is embedded and again with its
   * parent (other plugins clone nodes in between): a table whose condition is there is skipped.
   */
  private hasCondition(node: OperationNode, refName: string): boolean {
    if (AndNode.is(node)) return this.hasCondition(node.left, refName) || this.hasCondition(node.right, refName);
    if (!BinaryOperationNode.is(node) || !ReferenceNode.is(node.leftOperand) || !ValueNode.is(node.rightOperand))
      return false;
    const col = node.leftOperand.column;
    const tbl = node.leftOperand.table;
    return (
      ColumnNode.is(col) &&
      col.column.name === ORG_COLUMN &&
      tbl !== undefined &&
      tableName(tbl) === refName &&
      node.rightOperand.value === this.orgId
    );
  }

  private scopeJoins<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    if (!node.joins?.length) return node;
    const joins = node.joins.map((j) => {
      const conds = this.conditionFor(j.table, j.on?.on);
      return conds.length
        ? { ...j, on: OnNode.create(j.on ? AndNode.create(ParensNode.create(j.on.on), and(conds)) : and(conds)) }
        : j;
    });
    return { ...node, joins };
  }

  /** `alias.org_id = $org` for a tenant table reference; nothing for subqueries and global tables. */
  private conditionFor(from: OperationNode, existing: OperationNode | undefined): OperationNode[] {
    let table: TableNode | undefined;
    let refName: string | undefined;
    if (TableNode.is(from)) {
      table = from;
      refName = tableName(from);
    } else if (AliasNode.is(from) && TableNode.is(from.node) && IdentifierNode.is(from.alias)) {
      table = from.node;
      refName = from.alias.name;
    }
    if (!table || !refName || !isTenantTable(tableName(table))) return [];
    if (existing && this.hasCondition(existing, refName)) return [];
    const schema = table.table.schema?.name;
    const ref = ReferenceNode.create(
      ColumnNode.create(ORG_COLUMN),
      schema && refName === tableName(table) ? TableNode.createWithSchema(schema, refName) : TableNode.create(refName),
    );
    return [BinaryOperationNode.create(ref, OperatorNode.create('='), ValueNode.create(this.orgId))];
  }
}

function tableName(node: TableNode): string {
  return node.table.identifier.name;
}

function isTenantTable(name: string): boolean {
  return TENANT_TABLES.has(toSnake(name));
}

/**
 * ANDs the tenant condition onto a query's WHERE, keeping the existing condition in parentheses:
 * a raw `a or b` would otherwise bind as `a or (b and org_id = …)` and escape the scope.
 */
function withWhere<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T, cond: OperationNode): T {
  const where = node.where ? AndNode.create(ParensNode.create(node.where.where), cond) : cond;
  return { ...node, where: WhereNode.create(where) };
}

function and(conds: OperationNode[]): OperationNode {
  return conds.reduce((acc, c) => AndNode.create(acc, c));
}
