/* mdk-cli-common.h: what `medaka-cli run` and `medaka-cli bench` share */
#pragma once

#include <glib.h>

#include "mdk-experiment.h"
#include "mdk-neat-genome.h"
#include "mdk-run.h"

G_BEGIN_DECLS

/* Exit status for bad input (arguments, files): one line on stderr. */
#define MDK_CLI_EXIT_USAGE 2

typedef struct
{
  char    *task;
  char    *algorithm;
  char   **params;        /* KEY=VALUE, algorithm */
  char   **task_params;   /* KEY=VALUE, task */
  char   **objective_params;  /* KEY=VALUE, search objective */
  gint64   seed;
  int      threads;
  int      generations;
  double   evaluations;
  double   time_limit;
  char    *target;
  gboolean no_stop_on_solved;
} MdkCliExperimentOptions;

GOptionGroup  *mdk_cli_experiment_option_group (MdkCliExperimentOptions *options);
void           mdk_cli_experiment_options_clear (MdkCliExperimentOptions *options);
MdkExperiment *mdk_cli_build_experiment        (const MdkCliExperimentOptions *options,
                                                const char              *default_task,
                                                GError                 **error);
gboolean       mdk_cli_apply_algorithm_params  (const MdkCliExperimentOptions *options,
                                                MdkExperiment           *experiment,
                                                GError                 **error);
void           mdk_cli_init_i18n               (void);
G_GNUC_PRINTF (1, 2)
int            mdk_cli_usage_error             (const char              *format,
                                                ...);
char          *mdk_cli_format_duration         (double                   seconds);

int            mdk_cli_run                     (int                      argc,
                                                char                   **argv);
int            mdk_cli_bench                   (int                      argc,
                                                char                   **argv);
int            mdk_cli_export                  (int                      argc,
                                                char                   **argv);
int            mdk_cli_import_neat             (int                      argc,
                                                char                   **argv);
gboolean       mdk_cli_seed_run                (MdkRun                  *run,
                                                const MdkNeatGenome     *genome,
                                                GError                 **error);
int            mdk_cli_params                  (int                      argc,
                                                char                   **argv);
int            mdk_cli_backprop                (int                      argc,
                                                char                   **argv);

G_END_DECLS
