#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-lineage.h"

#include "mdk-columns.h"
#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* The ids recorded as born in one generation, oldest first.  An id whose
 * record was later replaced by one of another generation stays here and is
 * skipped when its turn to be forgotten comes. */
typedef struct
{
  guint   generation;
  guint   head;        /* ids before it are already forgotten */
  GArray *ids;         /* guint64 */
} Bucket;

struct _MdkLineage
{
  gint        ref_count;
  guint       max_records;
  GMutex      lock;
  GHashTable *records;   /* &info->id → MdkGenomeInfo*, owned */
  GTree      *buckets;   /* generation → Bucket*, owned */
};

static void
bucket_free (gpointer data)
{
  Bucket *b = data;

  g_array_unref (b->ids);
  g_free (b);
}

static int
compare_generation (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  guint ga = GPOINTER_TO_UINT (a), gb = GPOINTER_TO_UINT (b);

  return ga < gb ? -1 : ga > gb;
}

MdkLineage *
mdk_lineage_new (guint max_records)
{
  MdkLineage *self;

  g_return_val_if_fail (max_records > 0, NULL);

  self = g_new0 (MdkLineage, 1);
  self->ref_count = 1;
  self->max_records = max_records;
  g_mutex_init (&self->lock);
  self->records = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->buckets = g_tree_new_full (compare_generation, NULL, NULL, bucket_free);
  return self;
}

MdkLineage *
mdk_lineage_ref (MdkLineage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
mdk_lineage_unref (MdkLineage *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_hash_table_unref (self->records);
  g_tree_destroy (self->buckets);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Forgets records, oldest generation first, until max_records remain. */
static void
evict_locked (MdkLineage *self)
{
  while (g_hash_table_size (self->records) > self->max_records)
    {
      GTreeNode *node = g_tree_node_first (self->buckets);
      Bucket *b;
      guint64 id;
      MdkGenomeInfo *rec;

      if (node == NULL)
        break;   /* cannot happen: every record is in a bucket */
      b = g_tree_node_value (node);
      if (b->head >= b->ids->len)
        {
          g_tree_remove (self->buckets, GUINT_TO_POINTER (b->generation));
          continue;
        }
      id = g_array_index (b->ids, guint64, b->head++);
      rec = g_hash_table_lookup (self->records, &id);
      if (rec != NULL && rec->generation == b->generation)
        g_hash_table_remove (self->records, &id);
    }
}

static void
add_locked (MdkLineage          *self,
            const MdkGenomeInfo *info)
{
  MdkGenomeInfo *rec = g_hash_table_lookup (self->records, &info->id);
  Bucket *b;

  if (rec != NULL && rec->generation == info->generation)
    {
      /* Same genome seen again (a later fitness, say): no new bucket entry. */
      *rec = *info;
      return;
    }
  if (rec != NULL)
    *rec = *info;
  else
    {
      rec = g_memdup2 (info, sizeof *info);
      g_hash_table_insert (self->records, &rec->id, rec);
    }

  b = g_tree_lookup (self->buckets, GUINT_TO_POINTER (info->generation));
  if (b == NULL)
    {
      b = g_new0 (Bucket, 1);
      b->generation = info->generation;
      b->ids = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_tree_insert (self->buckets, GUINT_TO_POINTER (b->generation), b);
    }
  g_array_append_val (b->ids, info->id);
}

void
mdk_lineage_add (MdkLineage          *self,
                 const MdkGenomeInfo *info)
{
  mdk_lineage_add_many (self, info, 1);
}

void
mdk_lineage_add_many (MdkLineage          *self,
                      const MdkGenomeInfo *infos,
                      guint                n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (infos != NULL || n == 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < n; i++)
    if (infos[i].id != 0)   /* 0 means "no genome" in parent fields */
      add_locked (self, &infos[i]);
  evict_locked (self);
  g_mutex_unlock (&self->lock);
}

gboolean
mdk_lineage_lookup (MdkLineage    *self,
                    guint64        id,
                    MdkGenomeInfo *out)
{
  MdkGenomeInfo *rec;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  rec = g_hash_table_lookup (self->records, &id);
  if (rec != NULL && out != NULL)
    *out = *rec;
  g_mutex_unlock (&self->lock);
  return rec != NULL;
}

GArray *
mdk_lineage_ancestors (MdkLineage *self,
                       guint64     id,
                       guint       max_depth)
{
  GArray *entries;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  entries = g_array_new (FALSE, TRUE, sizeof (MdkLineageEntry));
  if (id == 0)
    return entries;
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_mutex_lock (&self->lock);
  {
    MdkLineageEntry root = { .info.id = id };

    g_array_append_val (entries, root);
    g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
  }
  /* The array is its own queue: entries are appended in breadth-first order. */
  for (guint i = 0; i < entries->len; i++)
    {
      MdkLineageEntry *e = &g_array_index (entries, MdkLineageEntry, i);
      MdkGenomeInfo *rec = g_hash_table_lookup (self->records, &e->info.id);
      guint64 parents[2];
      guint depth = e->depth;

      if (rec == NULL)
        continue;
      e->info = *rec;
      e->known = TRUE;
      if (depth >= max_depth)
        continue;
      parents[0] = rec->parent1;
      parents[1] = rec->parent2;
      for (guint p = 0; p < 2; p++)
        {
          MdkLineageEntry parent = { .info.id = parents[p], .depth = depth + 1 };

          if (parents[p] == 0 || g_hash_table_contains (seen, &parents[p]))
            continue;
          g_hash_table_add (seen, g_memdup2 (&parents[p], sizeof parents[p]));
          g_array_append_val (entries, parent);   /* may move e: not used after */
        }
    }
  g_mutex_unlock (&self->lock);
  return entries;
}

guint
mdk_lineage_get_size (MdkLineage *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->records);
  g_mutex_unlock (&self->lock);
  return n;
}

guint
mdk_lineage_get_max_records (MdkLineage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_records;
}

void
mdk_lineage_clear (MdkLineage *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->records);
  g_tree_destroy (self->buckets);
  self->buckets = g_tree_new_full (compare_generation, NULL, NULL, bucket_free);
  g_mutex_unlock (&self->lock);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const MdkGenomeInfo *x = a, *y = b;

  if (x->generation != y->generation)
    return x->generation < y->generation ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

GArray *
mdk_lineage_collect (MdkLineage    *self,
                     const guint64 *roots,
                     guint          n_roots)
{
  GArray *records = g_array_new (FALSE, FALSE, sizeof (MdkGenomeInfo));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (self != NULL, records);

  g_array_append_vals (queue, roots, n_roots);
  g_mutex_lock (&self->lock);
  {
    GTreeNode *newest = g_tree_node_last (self->buckets);

    if (newest != NULL)
      {
        Bucket *b = g_tree_node_value (newest);
        g_array_append_vals (queue, &g_array_index (b->ids, guint64, b->head), b->ids->len - b->head);
      }
  }
  for (guint i = 0; i < queue->len; i++)
    {
      guint64 id = g_array_index (queue, guint64, i);
      MdkGenomeInfo *rec;

      if (id == 0 || g_hash_table_contains (seen, &id))
        continue;
      rec = g_hash_table_lookup (self->records, &id);
      if (rec == NULL)
        continue;
      /* The key lives as long as the record, under the lock. */
      g_hash_table_add (seen, &rec->id);
      g_array_append_val (records, *rec);
      g_array_append_val (queue, rec->parent1);
      g_array_append_val (queue, rec->parent2);
    }
  g_mutex_unlock (&self->lock);
  g_array_sort (records, compare_records);
  return records;
}

static const MdkColumnGroup record_group = {
  "records", 10,
  { "id", "parent1", "parent2", "origin", "mutations", "generation", "species_id", "fitness",
    "hidden", "connections" },
  { MDK_COLUMN_U64, MDK_COLUMN_U64, MDK_COLUMN_U64, MDK_COLUMN_U32, MDK_COLUMN_U32, MDK_COLUMN_U32,
    MDK_COLUMN_U32, MDK_COLUMN_F64, MDK_COLUMN_U32, MDK_COLUMN_U32 },
};
enum { R_ID, R_PARENT1, R_PARENT2, R_ORIGIN, R_MUTATIONS, R_GENERATION, R_SPECIES, R_FITNESS,
       R_HIDDEN, R_CONNECTIONS };

JsonNode *
mdk_lineage_to_json (MdkLineage    *self,
                     const guint64 *roots,
                     guint          n_roots)
{
  g_autoptr(GArray) records = mdk_lineage_collect (self, roots, n_roots);
  GByteArray **cols = mdk_columns_new (&record_group, records->len);
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < records->len; i++)
    {
      const MdkGenomeInfo *r = &g_array_index (records, MdkGenomeInfo, i);

      mdk_columns_put (cols[R_ID], MDK_COLUMN_U64, r->id);
      mdk_columns_put (cols[R_PARENT1], MDK_COLUMN_U64, r->parent1);
      mdk_columns_put (cols[R_PARENT2], MDK_COLUMN_U64, r->parent2);
      mdk_columns_put (cols[R_ORIGIN], MDK_COLUMN_U32, r->origin);
      mdk_columns_put (cols[R_MUTATIONS], MDK_COLUMN_U32, r->mutations);
      mdk_columns_put (cols[R_GENERATION], MDK_COLUMN_U32, r->generation);
      mdk_columns_put (cols[R_SPECIES], MDK_COLUMN_U32, r->species_id);
      mdk_columns_put_double (cols[R_FITNESS], r->fitness);
      mdk_columns_put (cols[R_HIDDEN], MDK_COLUMN_U32, r->hidden);
      mdk_columns_put (cols[R_CONNECTIONS], MDK_COLUMN_U32, r->connections);
    }
  json_object_set_int_member (obj, "count", records->len);
  mdk_columns_add (obj, &record_group, cols);
  json_node_take_object (node, obj);
  return node;
}

gboolean
mdk_lineage_add_json (MdkLineage  *self,
                      JsonNode    *node,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GArray) records = NULL;
  GBytes **cols;
  JsonObject *obj;
  guint64 count;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                   _("%s: must be an object"), path);
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!mdk_run_state_get_uint (obj, "count", path, G_MAXINT32, &count, error))
    return FALSE;
  cols = mdk_columns_read (obj, &record_group, count, path, error);
  if (cols == NULL)
    return FALSE;
  records = g_array_sized_new (FALSE, FALSE, sizeof (MdkGenomeInfo), count);
  for (guint i = 0; i < count; i++)
    {
      MdkGenomeInfo r = {
        .id = mdk_columns_get (cols, &record_group, R_ID, i),
        .parent1 = mdk_columns_get (cols, &record_group, R_PARENT1, i),
        .parent2 = mdk_columns_get (cols, &record_group, R_PARENT2, i),
        .origin = mdk_columns_get (cols, &record_group, R_ORIGIN, i),
        .mutations = mdk_columns_get (cols, &record_group, R_MUTATIONS, i),
        .generation = mdk_columns_get (cols, &record_group, R_GENERATION, i),
        .species_id = mdk_columns_get (cols, &record_group, R_SPECIES, i),
        .fitness = mdk_columns_get_double (cols, R_FITNESS, i),
        .hidden = mdk_columns_get (cols, &record_group, R_HIDDEN, i),
        .connections = mdk_columns_get (cols, &record_group, R_CONNECTIONS, i),
      };

      if (r.id == 0 || isinf (r.fitness))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s.records[%u]: the id is 0 or the fitness infinite"), path, i);
          mdk_columns_free (&record_group, cols);
          return FALSE;
        }
      g_array_append_val (records, r);
    }
  mdk_columns_free (&record_group, cols);
  mdk_lineage_add_many (self, (const MdkGenomeInfo *) records->data, records->len);
  return TRUE;
}
