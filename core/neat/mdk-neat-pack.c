/* mdk-neat-pack.c: many NEAT genomes as packed columns (docs/formats.md) */
#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-pack.h"

#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Beyond this many genes the file is not one Medaka wrote. */
#define MAX_GENES (G_GUINT64_CONSTANT (1) << 31)

/* The columns, each a little-endian array of one type. */
typedef enum { U8 = 1, U32 = 4, U64 = 8, F64 = 9 } ColumnType;

static gsize
type_size (ColumnType type)
{
  return type == F64 ? 8 : (gsize) type;
}

static void
put (GByteArray *column,
     ColumnType  type,
     guint64     value)
{
  guint8 bytes[8];

  for (gsize i = 0; i < type_size (type); i++)
    bytes[i] = (guint8) (value >> (8 * i));
  g_byte_array_append (column, bytes, type_size (type));
}

static void
put_double (GByteArray *column,
            double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  put (column, F64, bits);
}

static guint64
get (const guint8 *data,
     ColumnType    type,
     gsize         index)
{
  gsize size = type_size (type);
  guint64 value = 0;

  data += index * size;
  for (gsize i = 0; i < size; i++)
    value |= (guint64) data[i] << (8 * i);
  return value;
}

static double
get_double (const guint8 *data,
            gsize         index)
{
  guint64 bits = get (data, F64, index);
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* One group of columns ("genomes", "nodes" or "connections"). */
typedef struct
{
  const char *name;
  guint       n_columns;
  const char *columns[10];
  ColumnType  types[10];
} Group;

static const Group genome_group = {
  "genomes", 10,
  { "id", "parent1", "parent2", "fitness", "origin", "mutations", "birth_generation",
    "species_id", "nodes", "connections" },
  { U64, U64, U64, F64, U8, U8, U32, U32, U32, U32 },
};
enum { G_ID, G_PARENT1, G_PARENT2, G_FITNESS, G_ORIGIN, G_MUTATIONS, G_BIRTH, G_SPECIES,
       G_NODES, G_CONNS };

static const Group node_group = {
  "nodes", 4, { "id", "type", "activation", "bias" }, { U32, U8, U8, F64 },
};
enum { N_ID, N_TYPE, N_ACTIVATION, N_BIAS };

static const Group conn_group = {
  "connections", 5, { "innovation", "in", "out", "enabled", "weight" }, { U32, U32, U32, U8, F64 },
};
enum { C_INNOVATION, C_IN, C_OUT, C_ENABLED, C_WEIGHT };

static GByteArray **
columns_new (const Group *group,
             gsize        n)
{
  GByteArray **columns = g_new0 (GByteArray *, group->n_columns);

  for (guint c = 0; c < group->n_columns; c++)
    columns[c] = g_byte_array_sized_new (n * type_size (group->types[c]));
  return columns;
}

/* Encodes and frees @columns into a member of @obj. */
static void
add_group (JsonObject  *obj,
           const Group *group,
           GByteArray **columns)
{
  JsonObject *member = json_object_new ();

  for (guint c = 0; c < group->n_columns; c++)
    {
      g_autofree char *text = g_base64_encode (columns[c]->data, columns[c]->len);

      json_object_set_string_member (member, group->columns[c], text);
      g_byte_array_unref (columns[c]);
    }
  g_free (columns);
  json_object_set_object_member (obj, group->name, member);
}

static JsonArray *
names_array (const char *(*to_id) (guint),
             guint       n)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (arr, to_id (i));
  return arr;
}

static const char *
type_id (guint type)
{
  return mdk_neat_node_type_to_id (type);
}

static const char *
activation_id (guint activation)
{
  return mdk_activation_to_id (activation);
}

static const char *
origin_id (guint origin)
{
  return mdk_neat_origin_to_id (origin);
}

JsonNode *
mdk_neat_pack_genomes (GPtrArray *genomes)
{
  JsonObject *obj = json_object_new ();
  JsonObject *names = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  gsize n_nodes = 0, n_conns = 0;
  GByteArray **gc, **nc, **cc;

  for (guint i = 0; i < genomes->len; i++)
    {
      const MdkNeatGenome *g = genomes->pdata[i];
      n_nodes += g->n_nodes;
      n_conns += g->n_conns;
    }
  gc = columns_new (&genome_group, genomes->len);
  nc = columns_new (&node_group, n_nodes);
  cc = columns_new (&conn_group, n_conns);
  for (guint i = 0; i < genomes->len; i++)
    {
      const MdkNeatGenome *g = genomes->pdata[i];

      put (gc[G_ID], U64, g->id);
      put (gc[G_PARENT1], U64, g->parent1);
      put (gc[G_PARENT2], U64, g->parent2);
      put_double (gc[G_FITNESS], g->fitness_valid ? g->fitness : NAN);
      put (gc[G_ORIGIN], U8, g->origin);
      put (gc[G_MUTATIONS], U8, g->mutations);
      put (gc[G_BIRTH], U32, g->birth_generation);
      put (gc[G_SPECIES], U32, g->species_id);
      put (gc[G_NODES], U32, g->n_nodes);
      put (gc[G_CONNS], U32, g->n_conns);
      for (guint k = 0; k < g->n_nodes; k++)
        {
          const MdkNeatNode *n = &g->nodes[k];
          put (nc[N_ID], U32, n->id);
          put (nc[N_TYPE], U8, n->type);
          put (nc[N_ACTIVATION], U8, n->activation);
          put_double (nc[N_BIAS], n->bias);
        }
      for (guint k = 0; k < g->n_conns; k++)
        {
          const MdkNeatConn *c = &g->conns[k];
          put (cc[C_INNOVATION], U32, c->innovation);
          put (cc[C_IN], U32, c->in);
          put (cc[C_OUT], U32, c->out);
          put (cc[C_ENABLED], U8, c->enabled ? 1 : 0);
          put_double (cc[C_WEIGHT], c->weight);
        }
    }

  json_object_set_string_member (obj, "encoding", "columns");
  json_object_set_int_member (obj, "count", genomes->len);
  /* The byte values' meanings, so that adding an activation or an origin
   * never changes what an old file says. */
  json_object_set_array_member (names, "type", names_array (type_id, MDK_NEAT_NODE_HIDDEN + 1));
  json_object_set_array_member (names, "activation", names_array (activation_id, MDK_N_ACTIVATIONS));
  json_object_set_array_member (names, "origin", names_array (origin_id, MDK_NEAT_ORIGIN_EDITED + 1));
  json_object_set_object_member (obj, "names", names);
  add_group (obj, &genome_group, gc);
  add_group (obj, &node_group, nc);
  add_group (obj, &conn_group, cc);
  json_node_take_object (node, obj);
  return node;
}


static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text), pad = 0;

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char ch = text[i];

      if (ch == '=' && i >= len - 2)
        pad++;
      else if (pad > 0 || !(g_ascii_isalnum (ch) || ch == '+' || ch == '/'))
        return FALSE;
    }
  return TRUE;
}

/* The decoded columns of @group, each @n values long. */
static GBytes **
read_group (JsonObject  *obj,
            const Group *group,
            guint64      n,
            const char  *path,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, group->name);
  JsonObject *member = mdk_run_state_get_object (obj, group->name, path, error);
  GBytes **columns;

  if (member == NULL)
    return NULL;
  columns = g_new0 (GBytes *, group->n_columns);
  for (guint c = 0; c < group->n_columns; c++)
    {
      const char *text = mdk_run_state_get_string (member, group->columns[c], where, error);
      guchar *data;
      gsize len = 0;

      if (text == NULL)
        goto fail;
      if (!is_base64 (text))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: “%s” is not base64 data"), where, group->columns[c]);
          goto fail;
        }
      data = g_base64_decode (text, &len);
      columns[c] = g_bytes_new_take (data, len);
      if (len != n * type_size (group->types[c]))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: “%s” does not hold %u values"), where, group->columns[c], (guint) n);
          goto fail;
        }
    }
  return columns;

fail:
  for (guint c = 0; c < group->n_columns; c++)
    if (columns[c] != NULL)
      g_bytes_unref (columns[c]);
  g_free (columns);
  return NULL;
}

static void
free_group (const Group *group,
            GBytes     **columns)
{
  if (columns == NULL)
    return;
  for (guint c = 0; c < group->n_columns; c++)
    g_bytes_unref (columns[c]);
  g_free (columns);
}

static const guint8 *
column (GBytes **columns,
        guint    c)
{
  return g_bytes_get_data (columns[c], NULL);
}

/* map[i]: the value the file's name @i stands for, from @from_id. */
static gboolean
read_names (JsonObject  *names,
            const char  *member,
            gboolean   (*from_id) (const char *, guint *),
            guint8      *map,
            guint       *n_map,
            const char  *path,
            GError     **error)
{
  JsonArray *arr = mdk_run_state_get_array (names, member, path, error);

  if (arr == NULL)
    return FALSE;
  *n_map = json_array_get_length (arr);
  if (*n_map > 256)
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: “%s” has more than 256 names"), path, member);
      return FALSE;
    }
  for (guint i = 0; i < *n_map; i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      const char *id = JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING
                       ? json_node_get_string (el) : NULL;
      guint value;

      if (id == NULL || !from_id (id, &value))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s.%s[%u]: unknown name “%s”"), path, member, i, id != NULL ? id : "");
          return FALSE;
        }
      map[i] = value;
    }
  return TRUE;
}

static gboolean
type_from_id (const char *id,
              guint      *value)
{
  for (guint t = 0; t <= MDK_NEAT_NODE_HIDDEN; t++)
    if (g_strcmp0 (id, mdk_neat_node_type_to_id (t)) == 0)
      {
        *value = t;
        return TRUE;
      }
  return FALSE;
}

static gboolean
activation_from_id (const char *id,
                    guint      *value)
{
  MdkActivation activation;

  if (!mdk_activation_from_id (id, &activation))
    return FALSE;
  *value = activation;
  return TRUE;
}

static gboolean
origin_from_id (const char *id,
                guint      *value)
{
  for (guint o = 0; o <= MDK_NEAT_ORIGIN_EDITED; o++)
    if (g_strcmp0 (id, mdk_neat_origin_to_id (o)) == 0)
      {
        *value = o;
        return TRUE;
      }
  return FALSE;
}

GPtrArray *
mdk_neat_unpack_genomes (JsonNode    *node,
                         guint        n_inputs,
                         guint        n_outputs,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GPtrArray) genomes = NULL;
  GBytes **gc = NULL, **nc = NULL, **cc = NULL;
  guint8 types[256], activations[256], origins[256];
  guint n_types, n_activations, n_origins;
  JsonObject *obj, *names;
  const char *encoding;
  guint64 count, n_nodes = 0, n_conns = 0, node_at = 0, conn_at = 0;
  g_autofree char *names_path = g_strdup_printf ("%s.names", path);
  gboolean ok = FALSE;

#define INVALID(...) \
  G_STMT_START { \
    g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID, __VA_ARGS__); \
    goto out; \
  } G_STMT_END

  if (!JSON_NODE_HOLDS_OBJECT (node))
    INVALID (_("%s: must be an object"), path);
  obj = json_node_get_object (node);
  encoding = mdk_run_state_get_string (obj, "encoding", path, error);
  if (encoding == NULL)
    goto out;
  if (strcmp (encoding, "columns") != 0)
    INVALID (_("%s: unknown encoding “%s”"), path, encoding);
  if (!mdk_run_state_get_uint (obj, "count", path, MAX_GENES, &count, error))
    goto out;
  names = mdk_run_state_get_object (obj, "names", path, error);
  if (names == NULL ||
      !read_names (names, "type", type_from_id, types, &n_types, names_path, error) ||
      !read_names (names, "activation", activation_from_id, activations, &n_activations,
                   names_path, error) ||
      !read_names (names, "origin", origin_from_id, origins, &n_origins, names_path, error))
    goto out;

  gc = read_group (obj, &genome_group, count, path, error);
  if (gc == NULL)
    goto out;
  for (guint64 i = 0; i < count; i++)
    {
      n_nodes += get (column (gc, G_NODES), U32, i);
      n_conns += get (column (gc, G_CONNS), U32, i);
    }
  if (n_nodes > MAX_GENES || n_conns > MAX_GENES)
    INVALID (_("%s: too many genes"), path);
  nc = read_group (obj, &node_group, n_nodes, path, error);
  if (nc == NULL)
    goto out;
  cc = read_group (obj, &conn_group, n_conns, path, error);
  if (cc == NULL)
    goto out;

  genomes = g_ptr_array_new_full (count, (GDestroyNotify) mdk_neat_genome_free);
  for (guint64 i = 0; i < count; i++)
    {
      guint nn = get (column (gc, G_NODES), U32, i), ncn = get (column (gc, G_CONNS), U32, i);
      MdkNeatGenome *g = mdk_neat_genome_new_sized (n_inputs, n_outputs, nn, ncn);
      guint64 id = get (column (gc, G_ID), U64, i);
      guint64 parent1 = get (column (gc, G_PARENT1), U64, i);
      guint64 parent2 = get (column (gc, G_PARENT2), U64, i);
      guint origin = get (column (gc, G_ORIGIN), U8, i);
      double fitness = get_double (column (gc, G_FITNESS), i);

      g_ptr_array_add (genomes, g);
      if (id > G_MAXINT64 || parent1 > G_MAXINT64 || parent2 > G_MAXINT64)
        INVALID (_("%s[%u]: an id is out of range"), path, (guint) i);
      if (origin >= n_origins)
        INVALID (_("%s[%u]: origin %u has no name"), path, (guint) i, origin);
      if (isinf (fitness))
        INVALID (_("%s[%u]: the fitness is infinite"), path, (guint) i);
      g->id = id;
      g->parent1 = parent1;
      g->parent2 = parent2;
      g->fitness_valid = !isnan (fitness);
      g->fitness = g->fitness_valid ? fitness : 0.0;
      g->origin = origins[origin];
      g->mutations = get (column (gc, G_MUTATIONS), U8, i);
      g->birth_generation = get (column (gc, G_BIRTH), U32, i);
      g->species_id = get (column (gc, G_SPECIES), U32, i);

      for (guint k = 0; k < nn; k++, node_at++)
        {
          MdkNeatNode *n = &g->nodes[k];
          guint type = get (column (nc, N_TYPE), U8, node_at);
          guint activation = get (column (nc, N_ACTIVATION), U8, node_at);

          if (type >= n_types || activation >= n_activations)
            INVALID (_("%s[%u].nodes[%u]: a type or activation has no name"), path, (guint) i, k);
          n->id = get (column (nc, N_ID), U32, node_at);
          n->type = types[type];
          n->activation = activations[activation];
          n->bias = get_double (column (nc, N_BIAS), node_at);
        }
      g->n_nodes = nn;
      for (guint k = 0; k < ncn; k++, conn_at++)
        {
          MdkNeatConn *c = &g->conns[k];
          guint enabled = get (column (cc, C_ENABLED), U8, conn_at);

          if (enabled > 1)
            INVALID (_("%s[%u].connections[%u]: “enabled” must be 0 or 1"), path, (guint) i, k);
          c->innovation = get (column (cc, C_INNOVATION), U32, conn_at);
          c->in = get (column (cc, C_IN), U32, conn_at);
          c->out = get (column (cc, C_OUT), U32, conn_at);
          c->enabled = enabled;
          c->weight = get_double (column (cc, C_WEIGHT), conn_at);
        }
      g->n_conns = ncn;
    }
  ok = TRUE;
#undef INVALID

out:
  free_group (&genome_group, gc);
  free_group (&node_group, nc);
  free_group (&conn_group, cc);
  return ok ? g_steal_pointer (&genomes) : NULL;
}
