/* mdk-maze.h: the maze navigation domain of Lehman & Stanley (2011)
 *
 * A map (walls, a start with a heading, a goal) read from a small text
 * format, and the robot that drives through it: six rangefinders, four
 * pie-slice radars towards the goal, and two outputs that change its
 * angular velocity and speed.  The task class (mdk_task_maze_class,
 * mdk-task-maze.c) runs episodes on it; the tests drive the robot directly.
 *
 * Coordinates are the map's: x to the right, y down (as the authors draw
 * their maps), headings in degrees from +x towards +y, so a positive angle
 * turns to the robot's right on screen.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The robot, as in the authors' maze code (maze.h, class Character):
 * radius 8, rangefinders reaching 100 units. */
#define MDK_MAZE_ROBOT_RADIUS      8.0
#define MDK_MAZE_RANGEFINDER_RANGE 100.0
/* Speed (units per step) and angular velocity (degrees per step) are
 * clamped to ±3 (maze.h, interpret_outputs). */
#define MDK_MAZE_MAX_SPEED         3.0
/* The goal counts as reached within 5 units (maze.h, distance_to_target:
 * "if within 5 units, success!"); the robot then stops. */
#define MDK_MAZE_GOAL_RADIUS       5.0

#define MDK_MAZE_N_RANGEFINDERS    6
#define MDK_MAZE_N_RADARS          4
#define MDK_MAZE_N_INPUTS          (MDK_MAZE_N_RANGEFINDERS + MDK_MAZE_N_RADARS)

/* Larger maps are surely not mazes for this robot, and every wall costs
 * each sensor a test at every step. */
#define MDK_MAZE_MAX_WALLS         10000

typedef struct
{
  double x1, y1, x2, y2;
} MdkMazeWall;

typedef struct
{
  MdkMazeWall *walls;
  guint        n_walls;
  double       start_x, start_y;
  double       start_heading;       /* degrees, in [0, 360) */
  double       goal_x, goal_y;
  /* The walls' bounding box, which scales the behaviour descriptor. */
  double       x0, y0, x1, y1;
} MdkMaze;

typedef struct
{
  double   x, y;
  double   heading;                 /* degrees, in [0, 360] */
  double   speed;
  double   angular_velocity;
  gboolean reached;                 /* came within the goal radius; stopped */
} MdkMazeRobot;

/* The built-in maps: "medium" and "hard". */
extern const char * const mdk_maze_builtin_names[];

MdkMaze  *mdk_maze_new_from_text   (const char         *text,
                                    gsize               length,
                                    GError            **error);
MdkMaze  *mdk_maze_load            (const char         *map,
                                    GError            **error);
void      mdk_maze_free            (MdkMaze            *maze);

gboolean  mdk_maze_collides        (const MdkMaze      *maze,
                                    double              x,
                                    double              y);
double    mdk_maze_rangefinder     (const MdkMaze      *maze,
                                    double              x,
                                    double              y,
                                    double              direction);
guint     mdk_maze_radar_slice     (const MdkMaze      *maze,
                                    const MdkMazeRobot *robot);

void      mdk_maze_robot_init      (const MdkMaze      *maze,
                                    MdkMazeRobot       *robot);
void      mdk_maze_sense           (const MdkMaze      *maze,
                                    const MdkMazeRobot *robot,
                                    double              inputs[MDK_MAZE_N_INPUTS]);
void      mdk_maze_robot_step      (const MdkMaze      *maze,
                                    MdkMazeRobot       *robot,
                                    double              turn,
                                    double              speed);
double    mdk_maze_goal_distance   (const MdkMaze      *maze,
                                    const MdkMazeRobot *robot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkMaze, mdk_maze_free)

G_END_DECLS
