module example.com/go-service

go 1.23
