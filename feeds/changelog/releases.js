window.roadmapReleaseYears = {"release-2024-01":2024,"release-2024-02":2024};
