/* Tests for the lineage store: parent chains, crossover trees, the order in
 * which records are forgotten, and concurrent writers with a reader. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-lineage.h"

static MdkGenomeInfo
info (guint64 id,
      guint64 parent1,
      guint64 parent2,
      guint   generation)
{
  return (MdkGenomeInfo) {
    .id = id,
    .parent1 = parent1,
    .parent2 = parent2,
    .generation = generation,
    .fitness = (double) id / 10.0,
    .species_id = 1,
  };
}

static const MdkLineageEntry *
entry_at (GArray *entries,
          guint   i)
{
  g_assert_cmpuint (i, <, entries->len);
  return &g_array_index (entries, MdkLineageEntry, i);
}

/* Every listed ancestor is a parent of an entry one step closer, each id is
 * listed once, and depths never decrease. */
static void
assert_well_formed (GArray *entries)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < entries->len; i++)
    {
      const MdkLineageEntry *e = entry_at (entries, i);
      gboolean has_child = FALSE;

      g_assert_false (g_hash_table_contains (ids, &e->info.id));
      g_hash_table_add (ids, (gpointer) &e->info.id);
      if (i == 0)
        {
          g_assert_cmpuint (e->depth, ==, 0);
          continue;
        }
      g_assert_cmpuint (e->depth, >=, entry_at (entries, i - 1)->depth);
      for (guint j = 0; j < i; j++)
        {
          const MdkLineageEntry *c = entry_at (entries, j);
          if (c->known && c->depth + 1 == e->depth &&
              (c->info.parent1 == e->info.id || c->info.parent2 == e->info.id))
            has_child = TRUE;
        }
      g_assert_true (has_child);
    }
}

static void
test_chain (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (1000);
  g_autoptr(GArray) five = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) none = NULL;
  MdkGenomeInfo out;

  for (guint64 id = 1; id <= 20; id++)
    {
      MdkGenomeInfo i = info (id, id - 1, 0, (guint) id);
      mdk_lineage_add (lineage, &i);
    }
  g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 20);

  g_assert_true (mdk_lineage_lookup (lineage, 7, &out));
  g_assert_cmpuint (out.id, ==, 7);
  g_assert_cmpuint (out.parent1, ==, 6);
  g_assert_cmpuint (out.generation, ==, 7);
  g_assert_cmpfloat (out.fitness, ==, 0.7);
  g_assert_false (mdk_lineage_lookup (lineage, 21, &out));
  g_assert_false (mdk_lineage_lookup (lineage, 0, NULL));

  /* Depth-limited: the genome and five generations back. */
  five = mdk_lineage_ancestors (lineage, 20, 5);
  g_assert_cmpuint (five->len, ==, 6);
  for (guint i = 0; i < five->len; i++)
    {
      const MdkLineageEntry *e = entry_at (five, i);
      g_assert_cmpuint (e->info.id, ==, 20 - i);
      g_assert_cmpuint (e->depth, ==, i);
      g_assert_true (e->known);
      g_assert_cmpuint (e->info.generation, ==, 20 - i);
    }
  assert_well_formed (five);

  /* Unlimited: back to the first genome, whose parent is "none". */
  all = mdk_lineage_ancestors (lineage, 20, 100);
  g_assert_cmpuint (all->len, ==, 20);
  g_assert_cmpuint (entry_at (all, 19)->info.id, ==, 1);
  assert_well_formed (all);

  /* An id never recorded is listed alone, as not known. */
  none = mdk_lineage_ancestors (lineage, 99, 10);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_false (entry_at (none, 0)->known);
  g_assert_cmpuint (entry_at (none, 0)->info.id, ==, 99);
}

static void
test_crossover_tree (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (1000);
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GArray) partial = NULL;
  static const guint64 expected[] = { 10, 8, 9, 5, 6, 7, 1, 2, 3, 4 };
  static const guint expected_depth[] = { 0, 1, 1, 2, 2, 2, 3, 3, 3, 3 };
  MdkGenomeInfo infos[] = {
    info (1, 0, 0, 0), info (2, 0, 0, 0), info (3, 0, 0, 0), info (4, 0, 0, 0),
    info (5, 1, 2, 1), info (6, 3, 4, 1), info (7, 2, 3, 1),
    info (8, 5, 6, 2), info (9, 7, 7, 2),    /* a genome mated with itself */
    info (10, 8, 9, 3),
    info (11, 10, 999, 4),                   /* a parent never recorded */
  };

  mdk_lineage_add_many (lineage, infos, G_N_ELEMENTS (infos));
  g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, G_N_ELEMENTS (infos));

  /* Grandparents 2 and 3 are reached twice, but listed once, breadth-first
   * in parent1, parent2 order. */
  tree = mdk_lineage_ancestors (lineage, 10, 12);
  g_assert_cmpuint (tree->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tree->len; i++)
    {
      g_assert_cmpuint (entry_at (tree, i)->info.id, ==, expected[i]);
      g_assert_cmpuint (entry_at (tree, i)->depth, ==, expected_depth[i]);
      g_assert_true (entry_at (tree, i)->known);
    }
  assert_well_formed (tree);

  partial = mdk_lineage_ancestors (lineage, 11, 1);
  g_assert_cmpuint (partial->len, ==, 3);
  g_assert_cmpuint (entry_at (partial, 1)->info.id, ==, 10);
  g_assert_true (entry_at (partial, 1)->known);
  g_assert_cmpuint (entry_at (partial, 2)->info.id, ==, 999);
  g_assert_false (entry_at (partial, 2)->known);
  g_assert_cmpuint (entry_at (partial, 2)->depth, ==, 1);
  assert_well_formed (partial);
}

static void
test_eviction (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (10);
  g_autoptr(GArray) chain = NULL;
  MdkGenomeInfo moved;

  /* Five generations of four: 1–4 born in 0, 5–8 in 1, … 17–20 in 4. Each
   * genome's parent is the one four ids before. */
  for (guint gen = 0; gen < 5; gen++)
    for (guint k = 1; k <= 4; k++)
      {
        guint64 id = gen * 4 + k;
        MdkGenomeInfo i = info (id, id > 4 ? id - 4 : 0, 0, gen);
        mdk_lineage_add (lineage, &i);
        g_assert_cmpuint (mdk_lineage_get_size (lineage), <=, 10);
      }
  g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 10);
  g_assert_cmpuint (mdk_lineage_get_max_records (lineage), ==, 10);

  /* The oldest generations went first; within generation 2 the first added. */
  for (guint64 id = 1; id <= 20; id++)
    g_assert_cmpint (mdk_lineage_lookup (lineage, id, NULL), ==, id >= 11);

  /* The chain from 20 ends in a forgotten ancestor. */
  chain = mdk_lineage_ancestors (lineage, 20, 10);
  g_assert_cmpuint (chain->len, ==, 4);
  g_assert_cmpuint (entry_at (chain, 2)->info.id, ==, 12);
  g_assert_true (entry_at (chain, 2)->known);
  g_assert_cmpuint (entry_at (chain, 3)->info.id, ==, 8);
  g_assert_false (entry_at (chain, 3)->known);

  /* Seeing a genome again in its own generation updates it in place. */
  {
    MdkGenomeInfo again = info (12, 8, 0, 2);
    again.fitness = 42.0;
    mdk_lineage_add (lineage, &again);
    g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 10);
    g_assert_true (mdk_lineage_lookup (lineage, 12, &moved));
    g_assert_cmpfloat (moved.fitness, ==, 42.0);
  }

  /* A genome recorded again in a later generation is forgotten with that
   * generation, not its first one: 11 outlives 12. */
  {
    MdkGenomeInfo later = info (11, 7, 0, 5);
    MdkGenomeInfo next = info (21, 17, 0, 5);
    mdk_lineage_add (lineage, &later);
    g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 10);
    mdk_lineage_add (lineage, &next);
    g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 10);
    g_assert_true (mdk_lineage_lookup (lineage, 11, &moved));
    g_assert_cmpuint (moved.generation, ==, 5);
    g_assert_false (mdk_lineage_lookup (lineage, 12, NULL));
    g_assert_true (mdk_lineage_lookup (lineage, 13, NULL));
  }

  mdk_lineage_clear (lineage);
  g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, 0);
  g_assert_false (mdk_lineage_lookup (lineage, 20, NULL));
  {
    MdkGenomeInfo i = info (30, 20, 0, 9);
    mdk_lineage_add (lineage, &i);
    g_assert_true (mdk_lineage_lookup (lineage, 30, NULL));
  }
}

#define N_PER_WRITER 20000
#define MAX_RECORDS 3000

typedef struct
{
  MdkLineage *lineage;
  guint64     base;
  gint       *writers_left;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;

  /* A chain per writer, 50 genomes a generation, in batches as the runner. */
  for (guint i = 1; i <= N_PER_WRITER; i += 50)
    {
      MdkGenomeInfo batch[50];
      for (guint k = 0; k < 50; k++)
        {
          guint64 id = w->base + i + k;
          batch[k] = info (id, id - 1 > w->base ? id - 1 : 0, 0, (i + k) / 50);
        }
      mdk_lineage_add_many (w->lineage, batch, 50);
    }
  g_atomic_int_add (w->writers_left, -1);
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(MdkLineage) lineage = mdk_lineage_new (MAX_RECORDS);
  gint writers_left = 2;
  Writer a = { lineage, 1000000, &writers_left };
  Writer b = { lineage, 2000000, &writers_left };
  GThread *ta, *tb;
  guint reads = 0;
  guint64 probe = 1;

  ta = g_thread_new ("lineage-a", writer_thread, &a);
  tb = g_thread_new ("lineage-b", writer_thread, &b);

  /* The reader: whatever moment it sees, the store is consistent. */
  while (g_atomic_int_get (&writers_left) > 0 || reads < 100)
    {
      guint64 base = (reads & 1) ? a.base : b.base;
      guint64 id = base + probe;
      g_autoptr(GArray) entries = mdk_lineage_ancestors (lineage, id, 12);
      MdkGenomeInfo out;

      g_assert_cmpuint (mdk_lineage_get_size (lineage), <=, MAX_RECORDS);
      assert_well_formed (entries);
      if (entry_at (entries, 0)->known)
        {
          /* A chain: the known part is contiguous from the genome back. */
          for (guint i = 1; i < entries->len; i++)
            g_assert_cmpuint (entry_at (entries, i)->info.id, ==, id - i);
        }
      if (mdk_lineage_lookup (lineage, id, &out))
        g_assert_cmpuint (out.id, ==, id);
      probe = (probe * 7919 + 13) % N_PER_WRITER + 1;
      reads++;
    }
  g_thread_join (ta);
  g_thread_join (tb);

  g_assert_cmpuint (mdk_lineage_get_size (lineage), ==, MAX_RECORDS);
  /* Both chains' newest genomes are kept, whatever the interleaving. */
  g_assert_true (mdk_lineage_lookup (lineage, a.base + N_PER_WRITER, NULL));
  g_assert_true (mdk_lineage_lookup (lineage, b.base + N_PER_WRITER, NULL));
  g_assert_false (mdk_lineage_lookup (lineage, a.base + 1, NULL));
  g_assert_false (mdk_lineage_lookup (lineage, b.base + 1, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/lineage/chain", test_chain);
  g_test_add_func ("/core/lineage/crossover-tree", test_crossover_tree);
  g_test_add_func ("/core/lineage/eviction", test_eviction);
  g_test_add_func ("/core/lineage/threads", test_threads);
  return g_test_run ();
}
