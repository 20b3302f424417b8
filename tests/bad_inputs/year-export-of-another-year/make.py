from hostile import copy_year
copy_year(project, dates=True)
