/* mdk-evaluator.h: deterministic parallel fitness evaluation
 *
 * A batch is split into chunks that worker threads (a GThreadPool) take in
 * turn; each worker owns its network.  Genome i of generation g draws its
 * randomness from the stream (seed, g, i), so the results are bit-identical
 * for any number of threads.
 */
#pragma once

#include <glib.h>

#include "mdk-optimizer.h"
#include "mdk-task.h"

G_BEGIN_DECLS

typedef struct _MdkEvaluator MdkEvaluator;

MdkEvaluator *mdk_evaluator_new         (guint                n_threads);
void          mdk_evaluator_free        (MdkEvaluator        *evaluator);
guint         mdk_evaluator_get_threads (const MdkEvaluator  *evaluator);
void          mdk_evaluator_run         (MdkEvaluator        *evaluator,
                                         const MdkOptimizer  *opt,
                                         const MdkTask       *task,
                                         gconstpointer       *genomes,
                                         guint                n_genomes,
                                         guint64              seed,
                                         guint64              generation,
                                         MdkEvalResult       *results);
void          mdk_evaluator_run_range   (MdkEvaluator        *evaluator,
                                         const MdkOptimizer  *opt,
                                         const MdkTask       *task,
                                         gconstpointer       *genomes,
                                         guint                n_genomes,
                                         guint                first,
                                         guint64              seed,
                                         guint64              generation,
                                         MdkEvalResult       *results);
void          mdk_evaluator_run_test_parts (MdkEvaluator       *evaluator,
                                            const MdkOptimizer *opt,
                                            const MdkTask      *task,
                                            gconstpointer       genome,
                                            guint               first,
                                            guint               n_parts,
                                            double             *parts);
guint64       mdk_evaluator_get_connections (const MdkEvaluator *evaluator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkEvaluator, mdk_evaluator_free)

G_END_DECLS
