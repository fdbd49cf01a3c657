/* mdk-export.h: a run's results to a folder
 *
 * What `medaka-cli export` and the studio's Export All write, through the
 * same code so that the files are the same:
 *
 *   history.csv                the history table (docs/formats.md)
 *   NAME.json .dot .c          a genome: its JSON, Graphviz and standalone C
 *   NAME.svg .pdf .png         and its drawing (NAME: "champion", "genome-ID")
 *   fitness.svg .pdf .png .csv the charts the studio shows and their data;
 *   complexity.*, species.*,   accuracy only for tasks that report one,
 *   speed.*, accuracy.*,       species only when species were recorded,
 *   algorithm.*,               the algorithm's statistics only when it has some,
 *   behaviours.*               the behaviour space when the run keeps a map
 *                              of elites or a novelty archive
 *
 * First a plan (the files, so that a caller can look for files it would
 * replace), then the writing.  Errors are in G_IO_ERROR and name the file.
 */
#pragma once

#include <gio/gio.h>

#include "mdk-behaviour-space.h"
#include "mdk-history-plot.h"
#include "mdk-neat-genome.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_EXPORT_HISTORY = 1 << 0,
  MDK_EXPORT_GENOME  = 1 << 1,
  MDK_EXPORT_PLOTS   = 1 << 2,
  MDK_EXPORT_ALL     = MDK_EXPORT_HISTORY | MDK_EXPORT_GENOME | MDK_EXPORT_PLOTS,
} MdkExportParts;

/* What to export from; everything is borrowed. */
typedef struct
{
  MdkHistory          *history;
  const MdkOptimizerClass *klass;     /* the run's algorithm (genome files) */
  const MdkStatColumns *columns;      /* the history's statistics of its own
                                       * and the algorithm's chart; NULL: none */
  const MdkNeatGenome *genome;        /* NULL: no genome files */
  gconstpointer        native;        /* when @genome is only the graph form
                                       * of @klass's genome: that genome, which
                                       * the JSON file holds; else NULL */
  double               fitness;       /* of @genome when finite, e.g. the
                                       * champion's, which its copy lacks */
  const char          *genome_name;   /* file name without extension */
  const char * const  *input_names;   /* may be NULL */
  const char * const  *output_names;
  MdkBehaviourSpace   *behaviours;    /* MAP-Elites' map, novelty search's
                                       * archive; NULL: none */
} MdkExportSource;

/* MdkExportFile.plot of the behaviour space's files. */
#define MDK_EXPORT_BEHAVIOUR_SPACE MDK_PLOT_N_KINDS

/* One file of a plan. */
typedef struct
{
  MdkExportParts  part;     /* one of the three */
  const char     *format;   /* "csv", "json", "dot", "c", "svg", "pdf", "png" */
  MdkPlotKind     plot;     /* for MDK_EXPORT_PLOTS: a chart, or
                             * MDK_EXPORT_BEHAVIOUR_SPACE */
  char           *name;     /* in the folder */
} MdkExportFile;

/* The formats of one part, NULL-terminated. */
const char * const *mdk_export_get_formats (MdkExportParts          part);
/* Whether any part has @format. */
gboolean            mdk_export_is_format   (const char             *format);

/* The files for @parts in @formats (NULL: every format), in the order
 * they are written.  An array of MdkExportFile; it may be empty. */
GArray             *mdk_export_plan        (const MdkExportSource  *source,
                                            MdkExportParts          parts,
                                            const char * const     *formats);
/* The genome of @source alone, as @format (one of the genome part's), to
 * @file: the studio's single exports. */
gboolean            mdk_export_write_genome (const MdkExportSource *source,
                                             GFile                 *file,
                                             const char            *format,
                                             GError               **error);
/* Writes the files of @plan into @dir (which must exist), replacing any
 * file of the same name; stops at the first error. */
gboolean            mdk_export_write       (const MdkExportSource  *source,
                                            GArray                 *plan,
                                            GFile                  *dir,
                                            GError                **error);

G_END_DECLS
