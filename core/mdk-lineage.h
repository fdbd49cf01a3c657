/* mdk-lineage.h: who descends from whom, for the lineage view
 *
 * A bounded record of MdkGenomeInfo by genome id.  The runner thread adds the
 * genomes of each generation, the UI thread looks ancestors up: every call
 * takes the store's lock.  When more than max_records are held, the records
 * of the oldest generations are forgotten first, so memory stays bounded
 * however long a run goes; an ancestor that was forgotten is still listed by
 * mdk_lineage_ancestors (), as not known.
 */
#pragma once

#include <glib.h>

#include "mdk-optimizer.h"

G_BEGIN_DECLS

typedef struct _MdkLineage MdkLineage;

/* What a run keeps by default (about 64 bytes a record). */
#define MDK_LINEAGE_DEFAULT_RECORDS 400000

/* One ancestor (or the genome itself, at depth 0). */
typedef struct
{
  MdkGenomeInfo info;    /* only info.id is set when !known */
  guint         depth;   /* generations of descent from the genome asked for */
  gboolean      known;   /* FALSE: never recorded, or forgotten */
} MdkLineageEntry;

MdkLineage *mdk_lineage_new         (guint                max_records);
MdkLineage *mdk_lineage_ref         (MdkLineage          *lineage);
void        mdk_lineage_unref       (MdkLineage          *lineage);

/* Records @info, replacing an earlier record of the same id. */
void        mdk_lineage_add         (MdkLineage          *lineage,
                                     const MdkGenomeInfo *info);
/* The same for @n records at once, under one lock. */
void        mdk_lineage_add_many    (MdkLineage          *lineage,
                                     const MdkGenomeInfo *infos,
                                     guint                n);
gboolean    mdk_lineage_lookup      (MdkLineage          *lineage,
                                     guint64              id,
                                     MdkGenomeInfo       *out);
/* Breadth-first over parent1 then parent2, from @id (depth 0) up to
 * @max_depth; each ancestor once, at the smallest depth it is reached.
 * Depths never decrease along the array.  Free with g_array_unref. */
GArray     *mdk_lineage_ancestors   (MdkLineage          *lineage,
                                     guint64              id,
                                     guint                max_depth);
guint       mdk_lineage_get_size    (MdkLineage          *lineage);
guint       mdk_lineage_get_max_records (MdkLineage      *lineage);
/* The known records reachable through their parents from the newest
 * generation's records and from @roots (all included), oldest generation
 * first: what a saved run keeps, and the same again once loaded. */
GArray     *mdk_lineage_collect     (MdkLineage          *lineage,
                                     const guint64       *roots,
                                     guint                n_roots);
/* Those records as base64 columns (docs/formats.md, "Lineage"), and back:
 * mdk_lineage_add_json () adds the records of such an object; errors
 * (MDK_RUN_STATE_ERROR) start with @path. */
JsonNode   *mdk_lineage_to_json     (MdkLineage          *lineage,
                                     const guint64       *roots,
                                     guint                n_roots);
gboolean    mdk_lineage_add_json    (MdkLineage          *lineage,
                                     JsonNode            *node,
                                     const char          *path,
                                     GError             **error);
/* Forgets everything (a new run). */
void        mdk_lineage_clear       (MdkLineage          *lineage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkLineage, mdk_lineage_unref)

G_END_DECLS
