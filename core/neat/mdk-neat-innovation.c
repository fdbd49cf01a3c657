#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-innovation.h"

typedef struct
{
  guint32 node_id;
  guint32 in_innovation;
  guint32 out_innovation;
} SplitRecord;

/* The graph editor numbers new structure from the UI thread while the run's
 * worker mutates, so every public function takes the lock. */
struct _MdkNeatInnovation
{
  GMutex      lock;
  guint32     next_innovation;
  guint32     next_node_id;
  GHashTable *connections;   /* (in << 32 | out) → innovation, this generation */
  GHashTable *splits;        /* split innovation → SplitRecord*, this generation */
};

static guint
key64_hash (gconstpointer key)
{
  guint64 k = *(const guint64 *) key;

  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  return (guint) k;
}

static gboolean
key64_equal (gconstpointer a,
             gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

MdkNeatInnovation *
mdk_neat_innovation_new (guint32 next_innovation,
                         guint32 next_node_id)
{
  MdkNeatInnovation *tracker = g_new0 (MdkNeatInnovation, 1);

  g_mutex_init (&tracker->lock);
  tracker->next_innovation = next_innovation;
  tracker->next_node_id = next_node_id;
  tracker->connections = g_hash_table_new_full (key64_hash, key64_equal, g_free, NULL);
  tracker->splits = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  return tracker;
}

void
mdk_neat_innovation_free (MdkNeatInnovation *tracker)
{
  if (tracker == NULL)
    return;
  g_hash_table_unref (tracker->connections);
  g_hash_table_unref (tracker->splits);
  g_mutex_clear (&tracker->lock);
  g_free (tracker);
}

void
mdk_neat_innovation_next_generation (MdkNeatInnovation *tracker)
{
  g_mutex_lock (&tracker->lock);
  g_hash_table_remove_all (tracker->connections);
  g_hash_table_remove_all (tracker->splits);
  g_mutex_unlock (&tracker->lock);
}

guint32
mdk_neat_innovation_connection (MdkNeatInnovation *tracker,
                                guint32            in,
                                guint32            out)
{
  guint64 key = ((guint64) in << 32) | out;
  gpointer value;
  guint64 *stored;
  guint32 innovation;

  g_mutex_lock (&tracker->lock);
  if (g_hash_table_lookup_extended (tracker->connections, &key, NULL, &value))
    {
      innovation = GPOINTER_TO_UINT (value);
    }
  else
    {
      stored = g_new (guint64, 1);
      *stored = key;
      innovation = tracker->next_innovation++;
      g_hash_table_insert (tracker->connections, stored, GUINT_TO_POINTER (innovation));
    }
  g_mutex_unlock (&tracker->lock);
  return innovation;
}

/* Add-node on the connection with @split_innovation: the new node and its
 * two connections.  Innovation numbers start at 1, so 0 never collides with a
 * GINT_TO_POINTER key. */
void
mdk_neat_innovation_split (MdkNeatInnovation *tracker,
                           guint32            split_innovation,
                           guint32           *node_id,
                           guint32           *in_innovation,
                           guint32           *out_innovation)
{
  SplitRecord *rec;

  g_mutex_lock (&tracker->lock);
  rec = g_hash_table_lookup (tracker->splits, GUINT_TO_POINTER (split_innovation));
  if (rec == NULL)
    {
      rec = g_new (SplitRecord, 1);
      rec->node_id = tracker->next_node_id++;
      rec->in_innovation = tracker->next_innovation++;
      rec->out_innovation = tracker->next_innovation++;
      g_hash_table_insert (tracker->splits, GUINT_TO_POINTER (split_innovation), rec);
    }
  *node_id = rec->node_id;
  *in_innovation = rec->in_innovation;
  *out_innovation = rec->out_innovation;
  g_mutex_unlock (&tracker->lock);
}

guint32
mdk_neat_innovation_new_node (MdkNeatInnovation *tracker)
{
  guint32 id;

  g_mutex_lock (&tracker->lock);
  id = tracker->next_node_id++;
  g_mutex_unlock (&tracker->lock);
  return id;
}

/* The lock is not part of the tracker's value, so const callers may take it. */
guint32
mdk_neat_innovation_peek_next (const MdkNeatInnovation *tracker)
{
  MdkNeatInnovation *self = (MdkNeatInnovation *) tracker;
  guint32 next;

  g_mutex_lock (&self->lock);
  next = self->next_innovation;
  g_mutex_unlock (&self->lock);
  return next;
}

guint32
mdk_neat_innovation_peek_next_node (const MdkNeatInnovation *tracker)
{
  MdkNeatInnovation *self = (MdkNeatInnovation *) tracker;
  guint32 next;

  g_mutex_lock (&self->lock);
  next = self->next_node_id;
  g_mutex_unlock (&self->lock);
  return next;
}

/* Makes sure numbers handed out later are above those already in use (after
 * loading or inserting genomes). */
void
mdk_neat_innovation_reserve (MdkNeatInnovation *tracker,
                             guint32            max_innovation,
                             guint32            max_node_id)
{
  g_mutex_lock (&tracker->lock);
  tracker->next_innovation = MAX (tracker->next_innovation, max_innovation + 1);
  tracker->next_node_id = MAX (tracker->next_node_id, max_node_id + 1);
  g_mutex_unlock (&tracker->lock);
}
