#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-lineage.h"

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
