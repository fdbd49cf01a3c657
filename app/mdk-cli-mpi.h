/* mdk-cli-mpi.h: `medaka-cli run` over MPI (docs/cluster.md)
 *
 * Rank 0 runs the optimizer and the statistics as in a single process; the
 * evaluation of each generation is handed out in chunks, on request, to
 * every rank (rank 0's own threads included).  Genomes travel in their
 * compact binary form (MdkOptimizerClass.pack_genome), results come back,
 * and as every genome draws from its own random stream the run is
 * bit-identical to a single-process one.  Only compiled with MPI
 * (meson option "mpi"); medaka-cli.c keeps the rest of the CLI unaware.
 */
#pragma once

#include <glib.h>

#include "mdk-run.h"

G_BEGIN_DECLS

/* Exit status of a run stopped by a worker's failure (after saving). */
#define MDK_CLI_EXIT_WORKER_FAILED 3

typedef struct
{
  double   timeout;     /* seconds a worker may take for a chunk */
  gboolean no_local;    /* rank 0 hands out work but evaluates none itself */
  char    *fault;       /* tests only: "RANK:GENERATION:exit" or "…:hang" */
} MdkCliMpiOptions;

typedef struct _MdkCliMpi MdkCliMpi;

MdkCliMpi  *mdk_cli_mpi_new         (int                    *argc,
                                     char                 ***argv,
                                     GError                **error);
int         mdk_cli_mpi_get_rank    (const MdkCliMpi        *mpi);
/* Ranks ≥ 1: evaluate what rank 0 hands out until it says stop. */
int         mdk_cli_mpi_serve       (MdkCliMpi              *mpi);
/* Rank 0: sends the experiment (and the files its task reads) to every
 * worker, waits for each to be ready and makes @run evaluate through them. */
gboolean    mdk_cli_mpi_start       (MdkCliMpi              *mpi,
                                     MdkRun                 *run,
                                     const MdkCliMpiOptions *options,
                                     GError                **error);
/* Rank 0: TRUE once a worker failed; the generation it failed in was
 * finished without it, and the run should stop there. */
gboolean    mdk_cli_mpi_failed      (const MdkCliMpi        *mpi);
char       *mdk_cli_mpi_describe    (const MdkCliMpi        *mpi);
/* Every rank, last: releases the workers (or, after a failure, ends the
 * whole job with MPI_Abort, which a hung worker needs) and frees @mpi.
 * Returns @status, or MDK_CLI_EXIT_WORKER_FAILED after a failure. */
int         mdk_cli_mpi_finish      (MdkCliMpi              *mpi,
                                     int                     status);

G_END_DECLS
