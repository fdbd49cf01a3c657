/* Maze navigation, the deceptive task of Lehman & Stanley (2011,
 * "Abandoning Objectives: Evolution through the Search for Novelty Alone",
 * Evolutionary Computation 19 (2)), on their medium and hard maps or a map
 * of the user's (mdk-maze.c has the robot and the map format).
 *
 * An episode follows the authors' experiments.cpp (mazesimIni, mazesimStep,
 * mazesim): the network is reset and activated ten times on the robot's
 * first readings (so a recurrent network settles), then for each of 400
 * steps it reads the sensors and its two outputs change the robot's
 * angular velocity and speed.  The fitness is minus the distance from the
 * robot's final position to the goal, plus an optional constant bound (the
 * paper's fitness is such a bound minus the distance; 300 in the authors'
 * code).  A robot that comes within 5 units of the goal stops there and
 * solves the task.  The behaviour, for novelty search, is the final
 * position scaled to [0, 1] by the walls' bounding box. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

#include "mdk-maze.h"

/* The network settles this many activations on the first readings before
 * the first step (experiments.cpp, mazesimIni). */
#define SETTLE_ACTIVATIONS 10

typedef struct
{
  char   *map;
  int     steps;
  double  fitness_bound;
} MdkTaskMazeParams;

static const MdkParamFileType map_file_type = {
  .title = N_("Open Maze Map"),
  .filter_name = N_("Maze maps"),
  .suffix = "txt",
};

static const MdkParamSpec maze_params[] = {
  {
    .id = "map",
    .label = N_("Map"),
    .group = N_("Maze"),
    .help = N_("The maze: “medium” or “hard”, the maps of Lehman & Stanley (2011), or the "
               "path of a map file of your own (a text file of start, goal and wall lines; "
               "see the file formats in the documentation)."),
    .type = MDK_PARAM_STRING,
    .def_str = "medium",
    .file_type = &map_file_type,
    .offset = offsetof (MdkTaskMazeParams, map),
  },
  {
    .id = "steps",
    .label = N_("Steps"),
    .group = N_("Maze"),
    .help = N_("The time steps the robot has to reach the goal (the paper: 400)."),
    .type = MDK_PARAM_INT,
    .min = 1,
    .max = 100000,
    .def = 400,
    .offset = offsetof (MdkTaskMazeParams, steps),
  },
  {
    .id = "fitness_bound",
    .label = N_("Fitness bound"),
    .group = N_("Maze"),
    .help = N_("The fitness is this bound minus the robot's final distance to the goal. "
               "With 0 it is minus the distance; the paper's fitness is a constant bound "
               "minus the distance, 300 in the authors' code."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0,
    .max = 1e6,
    .def = 0,
    .offset = offsetof (MdkTaskMazeParams, fitness_bound),
  },
};

/* A population of 250: 1,000 generations make the paper's budget of
 * 250,000 evaluations (goNEAT_NS's port of the experiment uses 250 too).
 * Recurrent connections allowed, as the authors' NEAT parameters do
 * (recur_prob).  Medaka's default compatibility threshold puts every start
 * genome (ten inputs, all connected) in one species, which solved the
 * medium map in none of three runs of 250,000 evaluations; steered to 10
 * species, NEAT solved it in all three (docs/benchmarks.md). */
static const MdkTaskSuggestion maze_suggestions[] = {
  { "neat", "population_size", "250" },
  { "neat", "allow_recurrent", "true" },
  { "neat", "target_species", "10" },
  /* The fitness is minus a distance of at most ~300 units: MAP-Elites'
   * QD-score counts each cell as the paper's 300 − distance. */
  { "map-elites", "qd_offset", "-300" },
  { NULL, NULL, NULL }
};

static gboolean
maze_init (MdkTask  *task,
           GError  **error)
{
  /* The rangefinders left, front-left, front, front-right, right and back,
   * then the radar slices that see the goal ahead, right, behind and left. */
  static const char * const inputs[MDK_MAZE_N_INPUTS] = {
    "range_left", "range_front_left", "range_front", "range_front_right", "range_right",
    "range_back", "goal_front", "goal_right", "goal_back", "goal_left"
  };
  static const char * const outputs[] = { "turn", "speed" };
  const MdkTaskMazeParams *params = task->params;
  MdkMaze *maze = mdk_maze_load (params->map, error);

  if (maze == NULL)
    return FALSE;
  task->priv = maze;
  task->n_behaviour = 2;
  mdk_task_set_names (task, inputs, MDK_MAZE_N_INPUTS, outputs, 2);
  return TRUE;
}

static void
maze_finalize (MdkTask *task)
{
  mdk_maze_free (task->priv);
}

/* Drives the robot for at most @steps steps, appending x, y and heading
 * per pose to @path when given; returns the final pose in @robot. */
static void
run_episode (const MdkMaze *maze,
             MdkNetwork    *net,
             guint          steps,
             MdkMazeRobot  *robot,
             GArray        *path)
{
  double in[MDK_MAZE_N_INPUTS], out[2];

  mdk_maze_robot_init (maze, robot);
  mdk_network_reset (net);
  mdk_maze_sense (maze, robot, in);
  for (guint i = 0; i < SETTLE_ACTIVATIONS; i++)
    mdk_network_activate (net, in, out);

  if (path != NULL)
    g_array_append_vals (path, (double[3]) { robot->x, robot->y, robot->heading }, 3);
  for (guint step = 0; step < steps && !robot->reached; step++)
    {
      mdk_maze_sense (maze, robot, in);
      mdk_network_activate (net, in, out);
      mdk_maze_robot_step (maze, robot, out[0], out[1]);
      if (path != NULL)
        g_array_append_vals (path, (double[3]) { robot->x, robot->y, robot->heading }, 3);
    }
}

static void
maze_evaluate (const MdkTask *task,
               MdkNetwork    *net,
               MdkRng        *rng,
               MdkEvalResult *result)
{
  const MdkTaskMazeParams *params = task->params;
  const MdkMaze *maze = task->priv;
  MdkMazeRobot robot;
  double distance;

  run_episode (maze, net, params->steps, &robot, NULL);
  distance = mdk_maze_goal_distance (maze, &robot);
  result->fitness = params->fitness_bound - distance;
  result->train_metric = distance;
  result->solved = robot.reached;
  result->behaviour[0] = CLAMP ((robot.x - maze->x0) / (maze->x1 - maze->x0), 0.0, 1.0);
  result->behaviour[1] = CLAMP ((robot.y - maze->y0) / (maze->y1 - maze->y0), 0.0, 1.0);
}

static MdkTrace *
maze_trace (const MdkTask *task,
            MdkNetwork    *net)
{
  const MdkTaskMazeParams *params = task->params;
  const MdkMaze *maze = task->priv;
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_MAZE);
  GArray *path = g_array_new (FALSE, FALSE, sizeof (double));
  MdkMazeRobot robot;

  run_episode (maze, net, params->steps, &robot, path);
  trace->n_cols = 3;
  trace->n_rows = path->len / 3;
  trace->values = (double *) (gpointer) g_array_free (path, FALSE);
  trace->n_points = maze->n_walls;
  trace->points = g_memdup2 (maze->walls, sizeof (MdkMazeWall) * maze->n_walls);
  trace->values2 = g_memdup2 ((double[7]) {
                                maze->start_x, maze->start_y, maze->start_heading,
                                maze->goal_x, maze->goal_y,
                                MDK_MAZE_GOAL_RADIUS, MDK_MAZE_ROBOT_RADIUS
                              }, sizeof (double[7]));
  trace->x0 = maze->x0;
  trace->x1 = maze->x1;
  trace->y0 = maze->y0;
  trace->y1 = maze->y1;
  trace->max_steps = params->steps;
  return trace;
}

const MdkTaskClass mdk_task_maze_class = {
  .id = "maze",
  .label = N_("Maze navigation"),
  .description = N_("Drive a robot through a maze to its goal, the deceptive task of Lehman & "
                    "Stanley (2011): the robot sees the walls with six rangefinders and the "
                    "direction of the goal with four radar slices, and its two outputs turn it "
                    "and speed it up or slow it down. The fitness is minus the distance from "
                    "where it ends, after 400 steps, to the goal, so dead ends near the goal "
                    "look good; coming within 5 units of the goal solves the task. The "
                    "behaviour is where the robot ends."),
  .metric_label = N_("Distance to the goal"),
  .params = maze_params,
  .n_params = G_N_ELEMENTS (maze_params),
  .params_size = sizeof (MdkTaskMazeParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = maze_init,
  .finalize = maze_finalize,
  .evaluate = maze_evaluate,
  .trace = maze_trace,
  .suggestions = maze_suggestions,
};
