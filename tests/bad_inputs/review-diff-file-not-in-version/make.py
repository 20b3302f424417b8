from hostile import git_repository
git_repository(project)
