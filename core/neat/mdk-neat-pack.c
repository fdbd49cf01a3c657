/* mdk-neat-pack.c: many NEAT genomes as packed columns (docs/formats.md) */
#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-pack.h"

#include "mdk-columns.h"

#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Beyond this many genes the file is not one Medaka wrote. */
#define MAX_GENES (G_GUINT64_CONSTANT (1) << 31)

static const MdkColumnGroup genome_group = {
  "genomes", 10,
  { "id", "parent1", "parent2", "fitness", "origin", "mutations", "birth_generation",
    "species_id", "nodes", "connections" },
  { MDK_COLUMN_U64, MDK_COLUMN_U64, MDK_COLUMN_U64, MDK_COLUMN_F64, MDK_COLUMN_U8, MDK_COLUMN_U8,
    MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_U32 },
};
enum { G_ID, G_PARENT1, G_PARENT2, G_FITNESS, G_ORIGIN, G_MUTATIONS, G_BIRTH, G_SPECIES,
       G_NODES, G_CONNS };

static const MdkColumnGroup node_group = {
  "nodes", 4, { "id", "type", "activation", "bias" },
  { MDK_COLUMN_U32, MDK_COLUMN_U8, MDK_COLUMN_U8, MDK_COLUMN_F64 },
};
enum { N_ID, N_TYPE, N_ACTIVATION, N_BIAS };

static const MdkColumnGroup conn_group = {
  "connections", 5, { "innovation", "in", "out", "enabled", "weight" },
  { MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_U8, MDK_COLUMN_F64 },
};
enum { C_INNOVATION, C_IN, C_OUT, C_ENABLED, C_WEIGHT };

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
  gc = mdk_columns_new (&genome_group, genomes->len);
  nc = mdk_columns_new (&node_group, n_nodes);
  cc = mdk_columns_new (&conn_group, n_conns);
  for (guint i = 0; i < genomes->len; i++)
    {
      const MdkNeatGenome *g = genomes->pdata[i];

      mdk_columns_put (gc[G_ID], MDK_COLUMN_U64, g->id);
      mdk_columns_put (gc[G_PARENT1], MDK_COLUMN_U64, g->parent1);
      mdk_columns_put (gc[G_PARENT2], MDK_COLUMN_U64, g->parent2);
      mdk_columns_put_double (gc[G_FITNESS], g->fitness_valid ? g->fitness : NAN);
      mdk_columns_put (gc[G_ORIGIN], MDK_COLUMN_U8, g->origin);
      mdk_columns_put (gc[G_MUTATIONS], MDK_COLUMN_U8, g->mutations);
      mdk_columns_put (gc[G_BIRTH], MDK_COLUMN_U32, g->birth_generation);
      mdk_columns_put (gc[G_SPECIES], MDK_COLUMN_U32, g->species_id);
      mdk_columns_put (gc[G_NODES], MDK_COLUMN_U32, g->n_nodes);
      mdk_columns_put (gc[G_CONNS], MDK_COLUMN_U32, g->n_conns);
      for (guint k = 0; k < g->n_nodes; k++)
        {
          const MdkNeatNode *n = &g->nodes[k];
          mdk_columns_put (nc[N_ID], MDK_COLUMN_U32, n->id);
          mdk_columns_put (nc[N_TYPE], MDK_COLUMN_U8, n->type);
          mdk_columns_put (nc[N_ACTIVATION], MDK_COLUMN_U8, n->activation);
          mdk_columns_put_double (nc[N_BIAS], n->bias);
        }
      for (guint k = 0; k < g->n_conns; k++)
        {
          const MdkNeatConn *c = &g->conns[k];
          mdk_columns_put (cc[C_INNOVATION], MDK_COLUMN_U32, c->innovation);
          mdk_columns_put (cc[C_IN], MDK_COLUMN_U32, c->in);
          mdk_columns_put (cc[C_OUT], MDK_COLUMN_U32, c->out);
          mdk_columns_put (cc[C_ENABLED], MDK_COLUMN_U8, c->enabled ? 1 : 0);
          mdk_columns_put_double (cc[C_WEIGHT], c->weight);
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
  mdk_columns_add (obj, &genome_group, gc);
  mdk_columns_add (obj, &node_group, nc);
  mdk_columns_add (obj, &conn_group, cc);
  json_node_take_object (node, obj);
  return node;
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

  gc = mdk_columns_read (obj, &genome_group, count, path, error);
  if (gc == NULL)
    goto out;
  for (guint64 i = 0; i < count; i++)
    {
      n_nodes += mdk_columns_get (gc, &genome_group, G_NODES, i);
      n_conns += mdk_columns_get (gc, &genome_group, G_CONNS, i);
    }
  if (n_nodes > MAX_GENES || n_conns > MAX_GENES)
    INVALID (_("%s: too many genes"), path);
  nc = mdk_columns_read (obj, &node_group, n_nodes, path, error);
  if (nc == NULL)
    goto out;
  cc = mdk_columns_read (obj, &conn_group, n_conns, path, error);
  if (cc == NULL)
    goto out;

  genomes = g_ptr_array_new_full (count, (GDestroyNotify) mdk_neat_genome_free);
  for (guint64 i = 0; i < count; i++)
    {
      guint nn = mdk_columns_get (gc, &genome_group, G_NODES, i), ncn = mdk_columns_get (gc, &genome_group, G_CONNS, i);
      MdkNeatGenome *g = mdk_neat_genome_new_sized (n_inputs, n_outputs, nn, ncn);
      guint64 id = mdk_columns_get (gc, &genome_group, G_ID, i);
      guint64 parent1 = mdk_columns_get (gc, &genome_group, G_PARENT1, i);
      guint64 parent2 = mdk_columns_get (gc, &genome_group, G_PARENT2, i);
      guint origin = mdk_columns_get (gc, &genome_group, G_ORIGIN, i);
      double fitness = mdk_columns_get_double (gc, G_FITNESS, i);

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
      g->mutations = mdk_columns_get (gc, &genome_group, G_MUTATIONS, i);
      g->birth_generation = mdk_columns_get (gc, &genome_group, G_BIRTH, i);
      g->species_id = mdk_columns_get (gc, &genome_group, G_SPECIES, i);

      for (guint k = 0; k < nn; k++, node_at++)
        {
          MdkNeatNode *n = &g->nodes[k];
          guint type = mdk_columns_get (nc, &node_group, N_TYPE, node_at);
          guint activation = mdk_columns_get (nc, &node_group, N_ACTIVATION, node_at);

          if (type >= n_types || activation >= n_activations)
            INVALID (_("%s[%u].nodes[%u]: a type or activation has no name"), path, (guint) i, k);
          n->id = mdk_columns_get (nc, &node_group, N_ID, node_at);
          n->type = types[type];
          n->activation = activations[activation];
          n->bias = mdk_columns_get_double (nc, N_BIAS, node_at);
        }
      g->n_nodes = nn;
      for (guint k = 0; k < ncn; k++, conn_at++)
        {
          MdkNeatConn *c = &g->conns[k];
          guint enabled = mdk_columns_get (cc, &conn_group, C_ENABLED, conn_at);

          if (enabled > 1)
            INVALID (_("%s[%u].connections[%u]: “enabled” must be 0 or 1"), path, (guint) i, k);
          c->innovation = mdk_columns_get (cc, &conn_group, C_INNOVATION, conn_at);
          c->in = mdk_columns_get (cc, &conn_group, C_IN, conn_at);
          c->out = mdk_columns_get (cc, &conn_group, C_OUT, conn_at);
          c->enabled = enabled;
          c->weight = mdk_columns_get_double (cc, C_WEIGHT, conn_at);
        }
      g->n_conns = ncn;
    }
  ok = TRUE;
#undef INVALID

out:
  mdk_columns_free (&genome_group, gc);
  mdk_columns_free (&node_group, nc);
  mdk_columns_free (&conn_group, cc);
  return ok ? g_steal_pointer (&genomes) : NULL;
}
